import type { ResetLinkStatus } from "@/lib/password-reset/reset";

export function resetLinkProblem(status: ResetLinkStatus): string {
  return {
    unknown: "This password reset link is not valid. It may have been mistyped, or replaced by a newer link.",
    expired: "This password reset link has expired. Links work for one hour.",
    used: "This password reset link has already been used.",
  }[status];
}
