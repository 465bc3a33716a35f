// Makes a password reset link expire, straight in the app's database (waiting an hour is not a test).
// Run with the app's environment:
//   node --conditions=react-server --import tsx e2e/support/expire-reset-link.ts LINK
import { db } from "@/lib/db/client";
import { sha256 } from "@/lib/tokens/random";

const token = new URL(process.argv[2] as string).searchParams.get("token") ?? "";
const updated = await db().userToken.updateMany({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
await db().$disconnect();
if (updated.count !== 1) throw new Error("no such reset link");
