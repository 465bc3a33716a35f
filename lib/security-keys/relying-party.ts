import "server-only";
import { config } from "@/lib/config";

/**
 * The WebAuthn relying party is the app at APP_URL: keys are bound to its host name (the RP id), and
 * browsers report the origin a ceremony ran on, which must be APP_URL's origin exactly.
 */
export function relyingParty(): { id: string; name: string; origin: string } {
  const { appUrl, appName } = config();
  return { id: appUrl.hostname, name: appName, origin: appUrl.origin };
}

/** How long the browser may wait for the user to touch their key. */
export const CEREMONY_TIMEOUT_MS = 2 * 60 * 1000;
