import type { TokenCheck } from "@/lib/tokens/user-tokens";

export function tokenProblem(status: Exclude<TokenCheck["status"], "valid">): string {
  return {
    unknown: "This confirmation link is not valid. It may have been mistyped, or replaced by a newer link.",
    expired: "This confirmation link has expired.",
    used: "This confirmation link has already been used.",
  }[status];
}
