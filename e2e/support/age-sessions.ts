// Moves an account's session activity back in time, as if its browsers had been idle for DAYS days.
// Run with the app's environment: node --conditions=react-server --import tsx e2e/support/age-sessions.ts EMAIL DAYS
import { db } from "@/lib/db/client";

const [email, days] = process.argv.slice(2);
const user = await db().user.findUniqueOrThrow({ where: { email } });
await db().session.updateMany({ where: { userId: user.id }, data: { lastSeenAt: new Date(Date.now() - Number(days) * 86_400_000) } });
await db().$disconnect();
