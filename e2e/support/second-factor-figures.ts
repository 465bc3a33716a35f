// Prints, as JSON, what the app's database recorded of one account's second-factor attempts: every
// evaluated wrong code leaves an audit row. Run with the app's environment:
//   node --conditions=react-server --import tsx e2e/support/second-factor-figures.ts EMAIL
import { db } from "@/lib/db/client";

const [email] = process.argv.slice(2);
const user = await db().user.findUniqueOrThrow({ where: { email } });
const failuresRecorded = await db().auditLog.count({ where: { targetUserId: user.id, action: "second_factor.failed" } });
const sessions = await db().session.count({ where: { userId: user.id } });
console.log(JSON.stringify({ failuresRecorded, sessions, consecutiveFailures: user.secondFactorFailures }));
await db().$disconnect();
