import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { config } from "@/lib/config";
import { listMailbox } from "@/lib/mail/mailbox";
import { requestFromLoopback } from "@/lib/security/client-socket";

export const metadata: Metadata = { title: "Local mailbox", robots: { index: false } };

/**
 * Embedded mode only, when no SMTP server is configured: the mail the app would have sent. It holds
 * every user's links and codes, so only a client on this machine may see it, whatever HOST is.
 */
export default async function MailboxPage() {
  await connection();
  const { mode, smtpUrl, dataDir } = config();
  if (mode !== "embedded" || smtpUrl || !requestFromLoopback(await headers())) notFound();
  const messages = await listMailbox(dataDir);
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-bold tracking-tight">Local mailbox</h1>
      <p className="mt-1.5 mb-6 text-slate-600 dark:text-slate-400">
        Mail sent by this app while it runs in embedded mode without an SMTP server. Newest first. Only this machine can open this page, and
        it does not exist in production.
      </p>
      {messages.length === 0 ? (
        <p className="rounded-xl bg-white dark:bg-slate-900 p-6 text-slate-600 dark:text-slate-400 ring-1 ring-slate-200 dark:ring-slate-700">
          No mail yet.
        </p>
      ) : null}
      <ul className="space-y-4">
        {messages.map((message) => (
          <li key={message.id} className="rounded-xl bg-white dark:bg-slate-900 p-5 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700">
            <p className="font-semibold text-slate-900 dark:text-slate-100">{message.subject}</p>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              To {message.to} · {new Date(message.deliveredAt).toUTCString()}
            </p>
            <pre className="mt-3 overflow-x-auto text-sm whitespace-pre-wrap text-slate-800 dark:text-slate-200">
              {message.text.split(/(https?:\/\/\S+)/).map((part, index) =>
                index % 2 === 1 ? (
                  <a key={index} href={part} className="break-all text-brand-600 dark:text-brand-300 underline">
                    {part}
                  </a>
                ) : (
                  part
                ),
              )}
            </pre>
          </li>
        ))}
      </ul>
    </main>
  );
}
