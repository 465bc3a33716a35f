import "server-only";
import { parseConfig, type AppConfig } from "./parse";

export type { AppConfig } from "./parse";

let current: AppConfig | undefined;

/** The process's configuration, parsed on first use (server.ts has already validated it at start-up). */
export function config(): AppConfig {
  current ??= parseConfig(process.env);
  return current;
}
