import "server-only";
import { randomUUID } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { ensurePrivateFolder } from "@/lib/security/private-files";

/**
 * The embedded mode's local mailbox: with no SMTP server configured, delivered mail is written as
 * files under DATA_DIR/mailbox and shown at /mailbox, to clients on this machine only. Production
 * never uses it. The messages hold sign-in codes and reset links: owner-only files.
 */
export type MailboxMessage = { id: string; to: string; subject: string; text: string; html: string; deliveredAt: string };

export async function writeToMailbox(dataDir: string, message: Omit<MailboxMessage, "id" | "deliveredAt">): Promise<void> {
  const folder = path.join(dataDir, "mailbox");
  ensurePrivateFolder(folder);
  const deliveredAt = new Date().toISOString();
  const id = `${deliveredAt.replace(/[:.]/g, "-")}-${randomUUID()}`;
  await writeFile(path.join(folder, `${id}.json`), JSON.stringify({ id, deliveredAt, ...message }), { mode: 0o600 });
}

export async function listMailbox(dataDir: string): Promise<MailboxMessage[]> {
  const folder = path.join(dataDir, "mailbox");
  const names = await readdir(folder).catch(() => [] as string[]);
  const messages = await Promise.all(
    names
      .filter((name) => name.endsWith(".json"))
      .map(async (name) => JSON.parse(await readFile(path.join(folder, name), "utf8")) as MailboxMessage),
  );
  return messages.sort((a, b) => b.deliveredAt.localeCompare(a.deliveredAt));
}
