export const SIGN_IN_FIRST = "Sign in with your email address and password first: a recovery request needs them.";
export const RECOVERY_OFF =
  "This server does not offer self-service recovery. Contact the administrators: they can turn off two-factor authentication for you.";
