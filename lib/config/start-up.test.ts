import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { test } from "node:test";

/** `npm start` with this environment (nothing inherited but PATH): its exit code and what it printed. */
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const production = {
  APP_MODE: "production",
  APP_URL: "https://accounts.example.com",
  DATABASE_URL: "postgresql://keyring@127.0.0.1:1/keyring",
  SMTP_URL: "smtp://127.0.0.1:1",
  MAIL_FROM: "Keyring <no-reply@example.com>",
  AUTH_SECRET: randomBytes(32).toString("base64"),
  ENCRYPTION_KEY: randomBytes(32).toString("base64"),
};

test("a production start without a secret stops with exit code 1 and names it, before touching anything", () => {
  const { AUTH_SECRET: _auth, ...withoutAuthSecret } = production;
  const result = start(withoutAuthSecret);
  assert.equal(result.code, 1);
  assert.match(result.output, /AUTH_SECRET is required when APP_MODE=production/);
  assert.doesNotMatch(result.output, /\n\s+at /, "a message, not a stack trace");
});

test("a production start with an http APP_URL stops with exit code 1 and says why", () => {
  const result = start({ ...production, APP_URL: "http://accounts.example.com" });
  assert.equal(result.code, 1);
  assert.match(result.output, /APP_URL must be https:\/\/ when APP_MODE=production/);
});
