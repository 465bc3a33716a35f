/**
 * How `npm start` runs the app: server.ts compiled by `npm run build` (build:server), so that no
 * TypeScript loader runs in production (tsx would also turn on source maps for every module Next.js
 * loads, which costs memory and makes every stack trace slower).
 */
export const APP_SERVER_COMMAND = [".next/keyring-server.mjs"];
