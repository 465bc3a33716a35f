// Module resolution hook registered by server-build.mjs.
const SERVER_BUILDS = { "next/navigation": "next/dist/client/components/navigation.react-server.js" };

export async function resolve(specifier, context, nextResolve) {
  return nextResolve(SERVER_BUILDS[specifier] ?? specifier, context);
}
