// Turns on an authenticator app for one account straight in the database of the app whose
// environment it runs with, and prints the secret: for tests that speak HTTP without a browser.
//   node --conditions=react-server --import tsx e2e/support/enable-authenticator.ts EMAIL
import { generateSecret } from "otplib";
import { db } from "@/lib/db/client";
import { encryptTotpSecret } from "@/lib/two-factor/authenticator";

const [email] = process.argv.slice(2);
const user = await db().user.findUniqueOrThrow({ where: { email } });
const secret = generateSecret();
await db().user.update({
  where: { id: user.id },
  data: { totpSecret: encryptTotpSecret(user.id, secret), totpEnabledAt: new Date(), twoFactorEnabledAt: new Date() },
});
console.log(JSON.stringify(secret));
await db().$disconnect();
