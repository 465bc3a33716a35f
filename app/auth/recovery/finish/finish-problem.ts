import { formatDateTime } from "@/lib/display/date-time";
import type { FinishCheck } from "@/lib/two-factor/finish-recovery";
import { recoveryLinkProblem } from "../link-problem";
import { RECOVERY_OFF } from "../messages";

export function finishProblem(check: Exclude<FinishCheck, { status: "ready" }>): string {
  switch (check.status) {
    case "waiting":
      return `The wait is not over yet: this link works from ${formatDateTime(check.readyAt)}, unless the request is cancelled or denied first.`;
    case "no-sign-in":
      return "Sign in with the account's email address and password first, then open this link again in the same browser.";
    case "closed":
      return recoveryLinkProblem("used");
    case "off":
      return RECOVERY_OFF;
    default:
      return recoveryLinkProblem(check.status);
  }
}
