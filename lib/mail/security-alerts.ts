import "server-only";
import { config } from "@/lib/config";
import { formatDateTime } from "@/lib/format";
import { appLink, layoutEmail, type EmailContent } from "./layout";

/** Sent at most once an hour per account (lib/two-factor/failures.ts). */
export function failedSecondFactorEmail(options: { username: string; method: string; ip: string | null; at: Date }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `Failed sign-in attempt on your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `Someone entered your password correctly but then failed the second step (${options.method}) on ${formatDateTime(options.at)}${
        options.ip ? `, from the address ${options.ip}` : ""
      }. They were not let in.`,
      "If it was you, there is nothing to do. Further attempts within the hour are not emailed, but they are in your security log.",
    ],
    action: { label: "Review your security log", url: appLink("/settings/security-log") },
    closing: "If it was not you, someone knows your password: change it now.",
  });
}
