// Ends sudo mode on every session of an account, as 15 minutes passing would.
// Run with the app's environment: node --conditions=react-server --import tsx e2e/support/end-sudo.ts EMAIL
import { db } from "@/lib/db/client";

const [email] = process.argv.slice(2);
const user = await db().user.findUniqueOrThrow({ where: { email } });
await db().session.updateMany({ where: { userId: user.id }, data: { sudoUntil: new Date(Date.now() - 1000) } });
await db().$disconnect();
