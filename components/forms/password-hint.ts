/** What a new password must be, under every new-password field (the rules: lib/passwords/policy.ts). */
export const NEW_PASSWORD_HINT = "At least 8 characters and at most 72 bytes: about 72 letters, fewer with accents or emoji.";
