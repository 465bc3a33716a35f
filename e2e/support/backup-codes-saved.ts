// Prints whether the account's newest backup codes were confirmed saved, as JSON. Run with the app's
// environment: node --conditions=react-server --import tsx e2e/support/backup-codes-saved.ts EMAIL
import { db } from "@/lib/db/client";

const [email] = process.argv.slice(2);
const user = await db().user.findUniqueOrThrow({ where: { email } });
console.log(JSON.stringify({ unsavedSince: user.backupCodesUnsavedSince }));
await db().$disconnect();
