import type { RecoveryLinkProblem } from "@/lib/recovery/close";

export function recoveryLinkProblem(status: RecoveryLinkProblem): string {
  return {
    unknown: "This link is not valid. It may have been mistyped.",
    expired: "This link has expired. If you still need to recover your account, start a new request from the sign-in page.",
    used: "This link no longer works: the recovery request was cancelled, denied or finished.",
  }[status];
}
