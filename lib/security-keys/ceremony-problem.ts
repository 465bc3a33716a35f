// Runs in the browser: what to tell the user when the browser's key ceremony fails before anything
// reaches the server. Browsers report a cancel, a timeout and an unknown key the same way on purpose
// (NotAllowedError), so one message covers them.
import { WebAuthnError } from "@simplewebauthn/browser";

export function ceremonyProblem(error: unknown, ceremony: "sign-in" | "registration" | "passkey"): string {
  const code = error instanceof WebAuthnError ? error.code : null;
  const name = error instanceof Error ? error.name : "";
  if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") return "This key is already in your list.";
  if (code === "ERROR_INVALID_DOMAIN" || code === "ERROR_INVALID_RP_ID" || name === "SecurityError") {
    return "Security keys only work on this site's own address. Open it at its usual address and try again.";
  }
  if (name === "NotAllowedError" || code === "ERROR_CEREMONY_ABORTED") {
    if (ceremony === "passkey")
      return "No passkey was used: the request was cancelled or timed out, or this device has no passkey for this site. Try again, or use your password.";
    return ceremony === "sign-in"
      ? "The key did not answer: the request was cancelled or timed out, or this key is not registered to this account. Try again, or choose another method below."
      : "The key did not answer: the request was cancelled or timed out. Try again when your key is ready.";
  }
  return "Your browser could not use a security key just now. Try again, or use another browser.";
}
