import assert from "node:assert/strict";
import { createHash, createHmac, hkdfSync } from "node:crypto";
import { test } from "node:test";
import { config } from "@/lib/config";
import { createAccount } from "@/lib/accounts/create-account";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { backupCodeField, consumeBackupCode, generateBackupCode, remainingBackupCodes, replaceBackupCodes } from "./codes";
import { regenerateBackupCodes } from "./regenerate";

freshDatabaseForEachFile();

let users = 0;
async function userWithCodes() {
  users++;
  const { user } = await createAccount({
    email: `codes${users}@example.com`,
    username: `codes${users}`,
    password: "granite-harbour-71",
    confirmed: true,
    role: "USER",
  });
  await db().user.update({ where: { id: user.id }, data: { totpEnabledAt: new Date(), twoFactorEnabledAt: new Date() } });
  const codes = await db().$transaction((tx) => replaceBackupCodes(tx, user.id));
  return { user, codes };
}
const normal = (code: string) => backupCodeField.parse(code);

test("codes are ten, readable, without look-alikes, at least 64 bits, and all different", () => {
  const codes = Array.from({ length: 1000 }, generateBackupCode);
  for (const code of codes) assert.match(code, /^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);
  assert.equal(new Set(codes).size, codes.length);
  // Measured, not assumed: every one of the 15 positions takes each of the 31 symbols, so a code
  // carries 15 × log2(31) ≈ 74 bits when its symbols are drawn uniformly.
  for (let position = 0; position < 15; position++) {
    const seen = new Set(codes.map((code) => code.replace(/-/g, "")[position]));
    assert.equal(seen.size, 31, `position ${position} uses ${seen.size} symbols`);
  }
  const counts = new Map<string, number>();
  for (const symbol of codes.join("").replace(/-/g, "")) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
  // 15,000 symbols over 31: about 484 each; a fair draw stays well within 350–620.
  for (const [symbol, count] of counts) assert.ok(count > 350 && count < 620, `${symbol} drawn ${count} times`);
  assert.doesNotMatch(codes.join(""), /[01ilo]/);
});

test("typed codes are accepted in any case, with or without dashes and spaces; others get a clear message", () => {
  assert.equal(normal(" K7MQE 2XZ9P-hr4tw "), "k7mqe2xz9phr4tw");
  const message = (input: string) => backupCodeField.safeParse(input).error?.issues[0]?.message;
  assert.equal(message(""), "Enter one of your backup codes.");
  assert.equal(message(undefined as unknown as string), "Enter one of your backup codes.", "a form sent without the field");
  assert.match(message("00000-00000-00000") ?? "", /not a backup code/);
  assert.match(message("k7mqe") ?? "", /15 letters and digits/);
  assert.match(message("k7mqe-2xz9p-hr4twx") ?? "", /15 letters and digits/);
});

test("the database keeps digests only, and a code works once", async () => {
  const { user, codes } = await userWithCodes();
  const rows = await db().backupCode.findMany({ where: { userId: user.id } });
  assert.equal(rows.length, 10);
  const stored = JSON.stringify(rows);
  for (const code of codes) {
    assert.ok(!stored.includes(code) && !stored.includes(normal(code)), "a code is stored in plain text");
  }
  assert.equal(await consumeBackupCode(user.id, normal(codes[0] as string), "192.0.2.1"), true);
  assert.equal(await consumeBackupCode(user.id, normal(codes[0] as string), "192.0.2.1"), false);
  assert.equal(await remainingBackupCodes(user.id), 9);
  const used = await db().backupCode.findFirstOrThrow({ where: { userId: user.id, usedAt: { not: null } } });
  assert.equal(used.usedFromIp, "192.0.2.1");
});

test("digests are keyed with ENCRYPTION_KEY: not a plain hash, and another key gives other digests", async () => {
  const { user, codes } = await userWithCodes();
  const code = normal(codes[0] as string);
  const stored = (await db().backupCode.findMany({ where: { userId: user.id } })).map((row) => row.digest);
  const plain = [createHash("sha256").update(code).digest("hex"), createHash("sha256").update(`${user.id}:${code}`).digest("hex")];
  for (const digest of plain) assert.ok(!stored.includes(digest), "a backup code is stored as an unkeyed hash");

  const keyedWith = (encryptionKey: Buffer) => {
    const key = Buffer.from(hkdfSync("sha256", encryptionKey, Buffer.alloc(0), "backup-code-digest", 32));
    return createHmac("sha256", key).update(`${user.id}:${code}`).digest("hex");
  };
  assert.ok(stored.includes(keyedWith(config().encryptionKey)), "the digest is under the configured ENCRYPTION_KEY");
  assert.ok(!stored.includes(keyedWith(Buffer.alloc(32, 7))), "another key gives another digest");
});

test("a code from another account does not work", async () => {
  const first = await userWithCodes();
  const second = await userWithCodes();
  assert.equal(await consumeBackupCode(second.user.id, normal(first.codes[0] as string), null), false);
  assert.equal(await remainingBackupCodes(first.user.id), 10);
});

test("50 parallel uses of one code: exactly one succeeds", async () => {
  const { user, codes } = await userWithCodes();
  const results = await Promise.all(Array.from({ length: 50 }, () => consumeBackupCode(user.id, normal(codes[2] as string), null)));
  assert.equal(results.filter(Boolean).length, 1);
  assert.equal(await remainingBackupCodes(user.id), 9);
});

test("regenerating invalidates every old code, and is audited and emailed without the codes", async () => {
  const { user, codes: old } = await userWithCodes();
  const newCodes = await regenerateBackupCodes(user.id, { actorId: user.id, ip: "198.51.100.4" });
  assert.ok(newCodes);
  for (const code of old) assert.equal(await consumeBackupCode(user.id, normal(code), null), false);
  assert.equal(await consumeBackupCode(user.id, normal(newCodes[0] as string), null), true);
  const audit = await db().auditLog.findMany({ where: { targetUserId: user.id, action: "backup_codes.regenerated" } });
  assert.deepEqual(
    audit.map((row) => [row.actorId, row.ip]),
    [[user.id, "198.51.100.4"]],
  );
  const mail = await db().outboxEmail.findMany({ where: { to: user.email, subject: { contains: "backup codes" } } });
  assert.equal(mail.length, 1);
  for (const code of newCodes) assert.ok(!(mail[0]?.text ?? "").includes(code));
});

test("no codes for a user without two-factor authentication", async () => {
  const { user } = await createAccount({
    email: "nocodes@example.com",
    username: "nocodes",
    password: "granite-harbour-71",
    confirmed: true,
    role: "USER",
  });
  assert.equal(await regenerateBackupCodes(user.id, { actorId: user.id, ip: null }), null);
  assert.equal(await remainingBackupCodes(user.id), 0);
});
