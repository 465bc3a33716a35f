import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { simpleParser } from "mailparser";
import { readFileSync } from "node:fs";
import { db } from "@/lib/db/client";
import { enqueueEmail } from "@/lib/mail/outbox";
import { createDeliver, type Deliver } from "@/lib/mail/transport";
import { backoffSeconds, deliverDueEmails } from "@/lib/mail/worker";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { startSmtpServer } from "@/lib/test-support/smtp";

const database = freshDatabaseForEachFile();

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
before(async () => {
  smtp = await startSmtpServer();
  // Set before the first test reads the configuration (once per process). Not read in this hook:
  // Node 20 runs a file's `before` hooks concurrently, and freshDatabaseForEachFile's may not have finished.
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
});
after(() => smtp.close());

let transport: Deliver | undefined;
/** The app's own SMTP delivery, built from the configuration on first use. */
const deliver: Deliver = (email) => (transport ??= createDeliver())(email);

const content = (subject: string) => ({ subject, text: `Open https://app.example/t?token=secret-${subject}`, html: `<p>${subject}</p>` });
const queue = (to: string, subject: string) => db().$transaction((tx) => enqueueEmail(tx, to, content(subject)));
const received = () => Promise.all(smtp.received.map((raw) => simpleParser(raw)));
const row = (subject: string) => db().outboxEmail.findFirstOrThrow({ where: { subject } });

test("mail queued in a transaction that rolls back is never sent", async () => {
  await assert.rejects(
    db().$transaction(async (tx) => {
      await enqueueEmail(tx, "ghost@example.com", content("rolled back"));
      throw new Error("the change failed");
    }),
    /the change failed/,
  );
  assert.equal(await db().outboxEmail.count(), 0);
  assert.deepEqual(await deliverDueEmails(deliver), { sent: 0, failed: 0 });
  assert.equal(smtp.received.length, 0);
});

test("queued mail is delivered over SMTP once, and its body is then erased", async () => {
  await queue("ada@example.com", "Welcome");
  assert.deepEqual(await deliverDueEmails(deliver), { sent: 1, failed: 0 });

  const [message] = await received();
  assert.equal(smtp.received.length, 1);
  assert.equal(message?.subject, "Welcome");
  assert.equal(message?.to && !Array.isArray(message.to) ? message.to.text : "", "ada@example.com");
  assert.match(message?.text ?? "", /token=secret-Welcome/);
  assert.equal(message?.html && message.html.includes("<p>Welcome</p>"), true);

  const sent = await row("Welcome");
  assert.ok(sent.sentAt);
  assert.equal(sent.text, "");
  assert.equal(sent.html, "", "the link in the body does not outlive its delivery");
  assert.equal(sent.attempts, 1);
  assert.equal(sent.lockedUntil, null);
  assert.deepEqual(await deliverDueEmails(deliver), { sent: 0, failed: 0 }, "nothing is sent twice");
});

test(
  "a thief copying the SQLite files after delivery finds no trace of the link",
  { skip: !database.url().startsWith("file:") && "SQLite only: a pg_dump holds live rows only" },
  async () => {
    const file = database.url().slice("file:".length);
    const onDisk = () => [file, `${file}-wal`].map((name) => readFileSync(name, { flag: "a+" }).toString("latin1")).join("");
    // Filler rows first, so the mail lands on a page of its own that is written to disk before the erase.
    for (let index = 0; index < 10; index++) await queue("filler@example.com", `Filler ${index} ${"x".repeat(300)}`);
    await queue("grace@example.com", "Stolen");
    await db().$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    assert.match(onDisk(), /token=secret-Stolen/, "the files held the link while it waited");
    while ((await deliverDueEmails(deliver)).sent > 0);
    assert.ok((await row("Stolen")).sentAt);
    assert.doesNotMatch(onDisk(), /token=secret-Stolen/);
  },
);

test("six workers running at once, each in rounds, send each of 30 emails exactly once", async () => {
  smtp.received.length = 0;
  const subjects = Array.from({ length: 30 }, (_, index) => `message ${index}`);
  for (const subject of subjects) await queue("grace@example.com", subject);
  // Deliveries take a few milliseconds each, so that the workers' claims interleave.
  const slowDeliver: Deliver = async (email) => {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
    await deliver(email);
  };
  const worker = async () => {
    let sent = 0;
    for (let round = 0; round < 6; round++) sent += (await deliverDueEmails(slowDeliver, 8)).sent;
    return sent;
  };
  const perWorker = await Promise.all(Array.from({ length: 6 }, worker));

  const subjectsReceived = (await received()).map((message) => message.subject ?? "");
  assert.equal(subjectsReceived.length, subjects.length, "no email twice, none left behind");
  assert.deepEqual([...subjectsReceived].sort(), [...subjects].sort());
  assert.equal(
    perWorker.reduce((total, sent) => total + sent, 0),
    subjects.length,
  );
  assert.ok(perWorker.filter((sent) => sent > 0).length > 1, `the work was shared: ${perWorker.join(", ")}`);
  assert.equal(await db().outboxEmail.count({ where: { sentAt: null } }), 0);
});

test("mail claimed by a worker that died is sent once the claim runs out, and not before", async () => {
  smtp.received.length = 0;
  await queue("linus@example.com", "orphaned");
  await db().outboxEmail.updateMany({ where: { subject: "orphaned" }, data: { lockedUntil: new Date(Date.now() + 30_000) } });
  assert.deepEqual(await deliverDueEmails(deliver), { sent: 0, failed: 0 });
  await db().outboxEmail.updateMany({ where: { subject: "orphaned" }, data: { lockedUntil: new Date(Date.now() - 1000) } });
  assert.deepEqual(await deliverDueEmails(deliver), { sent: 1, failed: 0 });
  assert.equal(smtp.received.length, 1);
});

test("during an SMTP outage mail waits, with a growing delay, and is delivered once the server is back", async () => {
  const port = smtp.port;
  await smtp.close();
  await queue("barbara@example.com", "during the outage");

  assert.deepEqual(await deliverDueEmails(deliver), { sent: 0, failed: 1 });
  const failed = await row("during the outage");
  assert.equal(failed.sentAt, null);
  assert.equal(failed.attempts, 1);
  assert.match(failed.lastError ?? "", /ECONNREFUSED/);
  assert.equal(failed.lockedUntil, null);
  assert.match(failed.text, /token=secret-during/, "the body is kept for the next attempt");
  const delay = failed.nextAttemptAt.getTime() - Date.now();
  assert.ok(delay > 5_000 && delay <= backoffSeconds(1) * 1000, `next attempt in ${delay} ms`);
  assert.deepEqual(await deliverDueEmails(deliver), { sent: 0, failed: 0 }, "not retried before its time");

  smtp = await startSmtpServer({ port });
  await db().outboxEmail.update({ where: { id: failed.id }, data: { nextAttemptAt: new Date() } });
  assert.deepEqual(await deliverDueEmails(deliver), { sent: 1, failed: 0 });
  assert.deepEqual(
    (await received()).map((message) => message.subject),
    ["during the outage"],
  );
  const delivered = await row("during the outage");
  assert.ok(delivered.sentAt);
  assert.equal(delivered.attempts, 2);
  assert.equal(delivered.lastError, null);
});

test("the retry delay doubles from 10 seconds and stops growing at an hour", () => {
  assert.deepEqual([1, 2, 3, 4].map(backoffSeconds), [10, 20, 40, 80]);
  for (let attempts = 1; attempts < 50; attempts++) {
    assert.ok(backoffSeconds(attempts + 1) >= backoffSeconds(attempts));
  }
  assert.equal(backoffSeconds(9), 2560);
  assert.equal(backoffSeconds(10), 3600);
  assert.equal(backoffSeconds(2000), 3600, "never Infinity, never NaN");
});
