import type { LockdownLinkProblem } from "@/lib/lockdown/lock-down";

export function lockdownLinkProblem(status: LockdownLinkProblem): string {
  return {
    unknown: "This link is not valid. It may have been mistyped.",
    expired: "This link has expired: it worked for 24 hours. If someone else is using your account, reset your password now.",
    used: "This link has already been used, or the account was locked down with another one. Check your email for the reset link.",
  }[status];
}
