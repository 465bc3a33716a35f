import type { ConfirmationStatus } from "@/lib/accounts/confirm-email";

export function tokenProblem(status: Exclude<ConfirmationStatus, "valid">): string {
  return {
    unknown: "This confirmation link is not valid. It may have been mistyped, or replaced by a newer link.",
    expired: "This confirmation link has expired.",
    used: "This confirmation link has already been used.",
    "username-taken":
      "Someone else took the username you chose after you signed up, so this link cannot create your account. Sign up again with another username.",
  }[status];
}
