import { AdminActionError } from "@/lib/admin/actor";
import { decideRecoveryRequestFor, listOpenRecoveryRequests } from "@/lib/admin/recovery";
import { db } from "@/lib/db/client";
import { describeBrowser } from "@/lib/display/browser";
import { OPERATOR } from "@/lib/request/context";
import { UsageError } from "./usage";

/**
 * `accounts recovery list|approve USERNAME|deny USERNAME`: the open self-service recovery requests,
 * and the operator's decision on one (no second factor asked: the operator is trusted, and audited).
 */
export async function recoveryCommand(args: string[], say: (line: string) => void): Promise<void> {
  const [action, username, ...extra] = args;
  if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
  if (action === "list") {
    if (username) throw new UsageError(`unexpected argument: ${username}`);
    const requests = await listOpenRecoveryRequests();
    if (requests.length === 0) say("No open recovery request.");
    for (const request of requests) {
      const when = request.state === "approved" ? "approved" : `ready ${request.readyAt.toISOString()}`;
      const from = `${describeBrowser(request.userAgent)}, IP address ${request.ip ?? "unknown"}`;
      say(`@${request.user.username} <${request.user.email}>: started ${request.createdAt.toISOString()} from ${from}; ${when}`);
    }
    return;
  }
  if (action !== "approve" && action !== "deny") throw new UsageError("accounts recovery needs list, approve USERNAME or deny USERNAME");
  if (!username) throw new UsageError("give exactly one USERNAME");
  const user = await db().user.findUnique({ where: { username: username.toLowerCase() } });
  if (!user) throw new AdminActionError(`no account with the username @${username}`);
  await decideRecoveryRequestFor(user.id, action, OPERATOR);
  say(
    action === "approve"
      ? `OK: the recovery request of @${user.username} is approved; they can finish it now, and were emailed`
      : `OK: the recovery request of @${user.username} is denied; they were emailed`,
  );
}
