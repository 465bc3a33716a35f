// Starts N pending sign-ins (the state after a correct password) for one account, straight in the
// app's database, and prints their tokens: the concurrency test needs more of them than the sign-in
// rate limits would let a browser make. Run with the app's environment:
//   node --conditions=react-server --import tsx e2e/support/start-pending-sign-ins.ts EMAIL N
import { startPendingSignIn } from "@/lib/auth/pending-sign-in";
import { db } from "@/lib/db/client";

const [email, count] = process.argv.slice(2);
const user = await db().user.findUniqueOrThrow({ where: { email } });
const tokens: string[] = [];
for (let index = 0; index < Number(count); index++)
  tokens.push(await startPendingSignIn(user, { ip: "127.0.0.1", userAgent: "concurrency test" }));
console.log(JSON.stringify(tokens));
await db().$disconnect();
