import "server-only";
import type { Db } from "@/lib/db/client";
import type { EmailContent } from "./layout";

type Listener = () => void;
const listeners = new Set<Listener>();

/**
 * Queues an email in the caller's transaction: it is sent if and only if the change that caused it
 * commits, and an SMTP outage delays it without losing it. Call `notifyOutbox()` after the commit
 * for prompt delivery; the worker also polls.
 */
export async function enqueueEmail(tx: Db, to: string, content: EmailContent): Promise<void> {
  await tx.outboxEmail.create({ data: { to, subject: content.subject, text: content.text, html: content.html } });
}

export function notifyOutbox(): void {
  for (const listener of listeners) listener();
}

export function onOutboxNotified(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
