import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { decryptSecret, encryptSecret } from "@/lib/encryption";

const key = randomBytes(32);
const context = "totp:user-1";
const plaintext = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/** The stored value with one byte of part `index` (1 iv, 2 tag, 3 ciphertext) flipped. */
function tampered(stored: string, index: number, at = 0): string {
  const parts = stored.split(".");
  const bytes = Buffer.from(parts[index] ?? "", "base64url");
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

test("a secret decrypts to itself under the same key and context", () => {
  assert.equal(decryptSecret(encryptSecret(plaintext, context, key), context, key), plaintext);
  assert.equal(decryptSecret(encryptSecret("", context, key), context, key), "");
  const unicode = "clé secrète ✓";
  assert.equal(decryptSecret(encryptSecret(unicode, context, key), context, key), unicode);
});

test("the stored form is versioned, with a 12-byte IV and a 16-byte tag", () => {
  const [version, iv, tag, ciphertext, ...rest] = encryptSecret(plaintext, context, key).split(".");
  assert.equal(version, "v1");
  assert.equal(Buffer.from(iv ?? "", "base64url").length, 12);
  assert.equal(Buffer.from(tag ?? "", "base64url").length, 16);
  assert.equal(Buffer.from(ciphertext ?? "", "base64url").length, Buffer.byteLength(plaintext));
  assert.deepEqual(rest, []);
});

test("encrypting the same text twice gives different values (random IV)", () => {
  const values = Array.from({ length: 10 }, () => encryptSecret(plaintext, context, key));
  assert.equal(new Set(values).size, values.length);
  assert.equal(new Set(values.map((value) => value.split(".")[1])).size, values.length, "no IV is reused");
  for (const value of values) assert.equal(decryptSecret(value, context, key), plaintext);
});

test("the stored form shows neither the plaintext nor its base64", () => {
  const stored = encryptSecret(plaintext, context, key);
  for (const encoded of [plaintext, Buffer.from(plaintext).toString("base64"), Buffer.from(plaintext).toString("base64url")]) {
    assert.ok(!stored.includes(encoded), `stored value contains ${encoded}`);
  }
  assert.ok(!stored.includes(plaintext.slice(0, 8)));
});

test("a flipped byte in the IV, the tag or the ciphertext is detected", () => {
  const stored = encryptSecret(plaintext, context, key);
  for (const [index, name] of [
    [1, "iv"],
    [2, "tag"],
    [3, "ciphertext"],
  ] as const) {
    for (const at of [0, 5, 11]) {
      assert.throws(() => decryptSecret(tampered(stored, index, at), context, key), Error, `${name} byte ${at}`);
    }
  }
  const parts = stored.split(".");
  assert.throws(() => decryptSecret([...parts.slice(0, 3), parts[3]?.slice(0, -2)].join("."), context, key), Error, "truncated ciphertext");
  assert.throws(() => decryptSecret(`${stored}AA`, context, key), Error, "extended ciphertext");
});

test("a truncated tag is refused: the full 128-bit tag is required", () => {
  const [version, iv, tag, ciphertext] = encryptSecret(plaintext, context, key).split(".");
  const full = Buffer.from(tag ?? "", "base64url");
  for (const length of [4, 8, 12, 15]) {
    const short = [version, iv, full.subarray(0, length).toString("base64url"), ciphertext].join(".");
    assert.throws(() => decryptSecret(short, context, key), Error, `a ${length}-byte tag`);
  }
});

test("a value copied to another context (another user's row) does not decrypt", () => {
  const stored = encryptSecret(plaintext, context, key);
  assert.throws(() => decryptSecret(stored, "totp:user-2", key));
  assert.throws(() => decryptSecret(stored, "", key));
});

test("another key does not decrypt", () => {
  const stored = encryptSecret(plaintext, context, key);
  assert.throws(() => decryptSecret(stored, context, randomBytes(32)));
});

test("malformed or unknown-version values are refused with a message", () => {
  const stored = encryptSecret(plaintext, context, key);
  for (const value of ["", "v1", "v1.a.b", stored.replace(/^v1/, "v2"), plaintext]) {
    assert.throws(() => decryptSecret(value, context, key), /Unreadable encrypted value/, JSON.stringify(value));
  }
});
