import { parseArgs } from "node:util";
import { accountsRequiredWithoutTwoFactor, describeTwoFactorPolicy } from "@/lib/admin/two-factor-requirement";
import { UsageError } from "./usage";

/**
 * `accounts list --without-2fa`: the accounts two-factor authentication is required of that have
 * none, one line each with the deadline in UTC, soonest first (as the administration lists them).
 */
export async function listAccounts(args: string[], say: (line: string) => void): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { "without-2fa": { type: "boolean", default: false } },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  if (!values["without-2fa"]) throw new UsageError("accounts list needs --without-2fa");
  say(describeTwoFactorPolicy());
  const accounts = await accountsRequiredWithoutTwoFactor({ take: 100_000 });
  if (accounts.length === 0) say("No required account is without two-factor authentication.");
  for (const account of accounts) {
    const deadline = account.deadline ? `${account.overdue ? "passed" : "due"} ${account.deadline.toISOString()}` : "no deadline yet";
    const by = account.requiredByAdmin ? ", required by an administrator" : "";
    say(`@${account.username} <${account.email}> ${account.role.toLowerCase()}${by}: ${deadline}`);
  }
}
