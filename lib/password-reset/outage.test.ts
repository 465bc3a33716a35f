import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { simpleParser } from "mailparser";
import { db } from "@/lib/db/client";
import { requestPasswordReset } from "@/lib/password-reset/request";
import { createDeliver, type Deliver } from "@/lib/mail/transport";
import { deliverDueEmails } from "@/lib/mail/worker";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { startSmtpServer } from "@/lib/test-support/smtp";
import { newAccountWithOwnPassword } from "@/lib/test-support/accounts";

freshDatabaseForEachFile();

let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
let port = 0;
before(async () => {
  // A port that a server listened on and no longer does: the outage.
  const first = await startSmtpServer();
  port = first.port;
  await first.close();
  // Set before the first test reads the configuration (once per process).
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
});
after(() => smtp?.close());

let transport: Deliver | undefined;
const deliver: Deliver = (email) => (transport ??= createDeliver())(email);

test("during an SMTP outage a reset request answers normally, and its email goes out once the server is back", async () => {
  const { user } = await newAccountWithOwnPassword();
  const started = performance.now();
  assert.equal(await requestPasswordReset(user.email), undefined);
  assert.ok(performance.now() - started < 2000, "the request does not wait for the mail server");

  assert.deepEqual(await deliverDueEmails(deliver), { sent: 0, failed: 1 });
  const queued = await db().outboxEmail.findFirstOrThrow({ where: { to: user.email } });
  assert.equal(queued.sentAt, null);
  assert.match(queued.lastError ?? "", /ECONNREFUSED/);
  assert.match(queued.text, /\/auth\/password\/reset\?token=/, "the body is kept for the next attempt");

  smtp = await startSmtpServer({ port });
  await db().outboxEmail.update({ where: { id: queued.id }, data: { nextAttemptAt: new Date() } });
  assert.deepEqual(await deliverDueEmails(deliver), { sent: 1, failed: 0 });
  const [message] = await Promise.all(smtp.received.map((raw) => simpleParser(raw)));
  assert.equal(smtp.received.length, 1);
  assert.match(message?.subject ?? "", /Reset your Keyring password/);
  assert.match(message?.text ?? "", /\/auth\/password\/reset\?token=[A-Za-z0-9_-]{43}/);
  assert.ok((await db().outboxEmail.findUniqueOrThrow({ where: { id: queued.id } })).sentAt);
});
