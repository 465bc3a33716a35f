import "server-only";
import nodemailer from "nodemailer";
import { config } from "@/lib/config";
import { writeToMailbox } from "./mailbox";

export type OutgoingEmail = { to: string; subject: string; text: string; html: string };
export type Deliver = (email: OutgoingEmail) => Promise<void>;

/** SMTP when SMTP_URL is set (nodemailer's URL form); otherwise, in embedded mode, the local mailbox. */
export function createDeliver(): Deliver {
  const { smtpUrl, mailFrom, mode, dataDir } = config();
  if (smtpUrl) {
    // A delivery must end well inside the outbox worker's claim (worker.ts), or a second worker could
    // send the same email: nodemailer otherwise waits up to ten minutes on a silent server.
    const transport = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return async (email) => {
      await transport.sendMail({ from: mailFrom, ...email });
    };
  }
  if (mode === "embedded") return (email) => writeToMailbox(dataDir, email);
  throw new Error("SMTP_URL is required when APP_MODE=production");
}
