import type { EmailChangeLinkProblem } from "@/lib/email-change/confirm";

export function emailChangeLinkProblem(status: EmailChangeLinkProblem): string {
  return {
    unknown: "This link is not valid. It may have been mistyped, or replaced by a newer one.",
    expired: "This link has expired. Links work for 24 hours: ask for a new one in Preferences.",
    used: "This link has already been used, or was replaced by a newer one.",
    "other-account": "This link is for another account. Sign out and sign in as the account that asked for it.",
    taken: "This address now belongs to another account, so it cannot be yours. Choose another one in Preferences.",
  }[status];
}
