// Prints what the settings behind sudo mode can change for an account, as JSON, so that a test can
// tell whether anything changed. Run with the app's environment:
// node --conditions=react-server --import tsx e2e/support/security-state.ts EMAIL
import { db } from "@/lib/db/client";

const [email] = process.argv.slice(2);
const user = await db().user.findUniqueOrThrow({
  where: { email },
  include: {
    backupCodes: { select: { digest: true, usedAt: true } },
    securityKeys: { select: { id: true, name: true } },
    tokens: { select: { id: true, usedAt: true } },
  },
});
console.log(
  JSON.stringify({
    email: user.email,
    twoFactorEnabledAt: user.twoFactorEnabledAt,
    totpSecret: user.totpSecret,
    pendingTotpSecret: user.pendingTotpSecret,
    emailCodesEnabled: user.emailCodesEnabled,
    backupCodes: user.backupCodes.map((code) => code.digest + String(code.usedAt)).sort(),
    securityKeys: user.securityKeys.map((key) => `${key.id} ${key.name}`).sort(),
    tokens: user.tokens.map((token) => token.id + String(token.usedAt)).sort(),
  }),
);
await db().$disconnect();
