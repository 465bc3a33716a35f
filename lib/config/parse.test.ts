import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ConfigError, parseConfig } from "@/lib/config/parse";

const freshDir = () => mkdtempSync(path.join(tmpdir(), "keyring-config-"));
const SECRET = "s".repeat(32);
const PRODUCTION = {
  APP_MODE: "production",
  DATABASE_URL: "postgresql://app@db.internal:5432/keyring",
  SMTP_URL: "smtp://mailer:secret@smtp.example.com:587",
  APP_URL: "https://accounts.example.com",
  MAIL_FROM: "Keyring <no-reply@example.com>",
  AUTH_SECRET: SECRET,
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

/** parseConfig on exactly these variables (NODE_ENV is there only for the type: it is not read). */
const parse = (env: Record<string, string>) => parseConfig({ ...env, NODE_ENV: "test" });

/** The ConfigError thrown for this environment; fails if it parses. */
function problemWith(env: Record<string, string>): string {
  try {
    parse(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.message;
  }
  assert.fail(`${JSON.stringify(env)} was accepted`);
}

test("embedded mode needs nothing: a SQLite file and a generated secret in DATA_DIR", () => {
  const dataDir = freshDir();
  const config = parse({ DATA_DIR: dataDir });
  assert.equal(config.mode, "embedded");
  assert.equal(config.databaseUrl, `file:${path.join(dataDir, "app.db")}`);
  assert.equal(config.databaseProvider, "sqlite");
  assert.equal(config.appUrl.href, "http://localhost:3000/");
  assert.equal(config.smtpUrl, null);
  assert.equal(config.bcryptCost, 12);

  const file = path.join(dataDir, "secrets.json");
  assert.equal(statSync(file).mode & 0o777, 0o600, "only the owner may read the secrets");
  const stored = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(stored.AUTH_SECRET, config.authSecret);
  assert.ok(config.authSecret.length >= 32);
});

test("the generated secret is reused on the next start, so sessions survive a restart", () => {
  const dataDir = freshDir();
  const first = parse({ DATA_DIR: dataDir });
  const second = parse({ DATA_DIR: dataDir });
  assert.equal(second.authSecret, first.authSecret);
  // Another installation gets another secret.
  assert.notEqual(parse({ DATA_DIR: freshDir() }).authSecret, first.authSecret);
});

test("a secret in the environment wins over the file", () => {
  const dataDir = freshDir();
  const generated = parse({ DATA_DIR: dataDir }).authSecret;
  assert.equal(parse({ DATA_DIR: dataDir, AUTH_SECRET: SECRET }).authSecret, SECRET);
  assert.equal(parse({ DATA_DIR: dataDir }).authSecret, generated);
});

test("a damaged secrets file is reported, not silently replaced", () => {
  const dataDir = freshDir();
  writeFileSync(path.join(dataDir, "secrets.json"), "{ not json");
  assert.match(problemWith({ DATA_DIR: dataDir }), /secrets\.json is not valid JSON/);
});

test("production mode names every missing setting", () => {
  const message = problemWith({ APP_MODE: "production", DATA_DIR: freshDir() });
  for (const name of ["DATABASE_URL", "SMTP_URL", "APP_URL", "MAIL_FROM", "AUTH_SECRET"]) {
    assert.match(message, new RegExp(`${name} is required when APP_MODE=production`));
  }
  // One missing setting is reported alone; an empty value counts as missing.
  const oneMissing = problemWith({ ...PRODUCTION, MAIL_FROM: "", DATA_DIR: freshDir() });
  assert.match(oneMissing, /MAIL_FROM is required/);
  assert.doesNotMatch(oneMissing, /DATABASE_URL|SMTP_URL|APP_URL|AUTH_SECRET/);
});

test("production mode with everything given parses, and writes no secrets file", () => {
  const dataDir = freshDir();
  const config = parse({ ...PRODUCTION, DATA_DIR: dataDir });
  assert.equal(config.mode, "production");
  assert.equal(config.databaseProvider, "postgresql");
  assert.equal(config.authSecret, SECRET);
  assert.equal(config.appUrl.origin, "https://accounts.example.com");
  assert.throws(() => statSync(path.join(dataDir, "secrets.json")), { code: "ENOENT" });
});

test("production mode refuses a plain-http APP_URL", () => {
  assert.match(problemWith({ ...PRODUCTION, APP_URL: "http://accounts.example.com" }), /APP_URL must be https:\/\//);
});

test("settings with the wrong form get a message naming the setting and the rule", () => {
  const dataDir = freshDir();
  assert.match(
    problemWith({ DATA_DIR: dataDir, DATABASE_URL: "mysql://db/keyring" }),
    /DATABASE_URL must start with file: \(SQLite\) or postgresql:\/\//,
  );
  assert.match(problemWith({ DATA_DIR: dataDir, PORT: "eighty" }), /PORT/);
  assert.match(problemWith({ DATA_DIR: dataDir, PORT: "70000" }), /PORT/);
  assert.match(problemWith({ DATA_DIR: dataDir, AUTH_SECRET: "too-short" }), /AUTH_SECRET must be at least 32 characters/);
  assert.match(problemWith({ DATA_DIR: dataDir, APP_URL: "ftp://example.com" }), /APP_URL must be an http\(s\) URL/);
  assert.match(problemWith({ DATA_DIR: dataDir, BCRYPT_COST: "3" }), /BCRYPT_COST/);
  assert.match(
    problemWith({ DATA_DIR: dataDir, SESSION_IDLE_TIMEOUT_DAYS: "100" }),
    /SESSION_IDLE_TIMEOUT_DAYS must not exceed SESSION_MAX_AGE_DAYS/,
  );
  assert.match(problemWith({ DATA_DIR: dataDir, EMAIL_CODES: "sometimes" }), /EMAIL_CODES must be allowed or forbidden/);
  assert.match(problemWith({ DATA_DIR: dataDir, PASSKEYS: "yes" }), /PASSKEYS must be allowed or forbidden/);
});

test("emailed codes are allowed unless the operator forbids them", () => {
  assert.equal(parse({ DATA_DIR: freshDir() }).allowEmailCodes, true);
  assert.equal(parse({ DATA_DIR: freshDir(), EMAIL_CODES: "forbidden" }).allowEmailCodes, false);
});

test("passkeys are allowed unless the operator forbids them", () => {
  assert.equal(parse({ DATA_DIR: freshDir() }).allowPasskeys, true);
  assert.equal(parse({ DATA_DIR: freshDir(), PASSKEYS: "forbidden" }).allowPasskeys, false);
});

test("the database provider follows the URL scheme", () => {
  const dataDir = freshDir();
  assert.equal(parse({ DATA_DIR: dataDir, DATABASE_URL: "file:/srv/keyring.db" }).databaseProvider, "sqlite");
  assert.equal(parse({ DATA_DIR: dataDir, DATABASE_URL: "postgresql://app@db/keyring" }).databaseProvider, "postgresql");
  assert.equal(parse({ DATA_DIR: dataDir, DATABASE_URL: "postgres://app@db/keyring" }).databaseProvider, "postgresql");
});

test("session lifetimes are given in days and used in seconds", () => {
  const config = parse({ DATA_DIR: freshDir(), SESSION_IDLE_TIMEOUT_DAYS: "0.5", SESSION_MAX_AGE_DAYS: "30" });
  assert.deepEqual(config.session, { idleTimeoutSeconds: 43_200, maxAgeSeconds: 2_592_000 });
});

test("new-browser emails are on unless NEW_BROWSER_EMAILS turns them off; other values are refused", () => {
  const dataDir = freshDir();
  assert.equal(parse({ DATA_DIR: dataDir }).newBrowserEmails, true);
  assert.equal(parse({ DATA_DIR: dataDir, NEW_BROWSER_EMAILS: "false" }).newBrowserEmails, false);
  assert.equal(parse({ DATA_DIR: dataDir, NEW_BROWSER_EMAILS: "0" }).newBrowserEmails, false);
  assert.match(problemWith({ DATA_DIR: dataDir, NEW_BROWSER_EMAILS: "sometimes" }), /NEW_BROWSER_EMAILS/);
});

test("the embedded mode listens on this machine only unless HOST opens it; production on every interface", () => {
  const dataDir = freshDir();
  assert.equal(parse({ DATA_DIR: dataDir }).host, "127.0.0.1");
  assert.equal(parse({ DATA_DIR: dataDir, HOST: "0.0.0.0" }).host, "0.0.0.0");
  assert.equal(parse({ DATA_DIR: dataDir, HOST: "::1" }).host, "::1");
  assert.equal(parse({ ...PRODUCTION, DATA_DIR: dataDir }).host, "0.0.0.0");
  assert.equal(parse({ ...PRODUCTION, DATA_DIR: dataDir, HOST: "10.0.0.11" }).host, "10.0.0.11");
  for (const host of ["localhost", "example.com", "999.1.1.1", "[::1]"]) {
    assert.match(problemWith({ DATA_DIR: dataDir, HOST: host }), /HOST must be an IP address to listen on/, host);
  }
});

test("the data folder is created for its owner only, and an existing one open to others is closed", () => {
  const dataDir = path.join(freshDir(), "data");
  parse({ DATA_DIR: dataDir });
  assert.equal(statSync(dataDir).mode & 0o777, 0o700);
  chmodSync(dataDir, 0o755);
  chmodSync(path.join(dataDir, "secrets.json"), 0o644);
  parse({ DATA_DIR: dataDir });
  assert.equal(statSync(dataDir).mode & 0o777, 0o700);
  assert.equal(statSync(path.join(dataDir, "secrets.json")).mode & 0o777, 0o600);
});

test("backup codes are due for a check-up 180 days after they were last confirmed, unless BACKUP_CODES_CHECKUP_DAYS says otherwise", () => {
  const dataDir = freshDir();
  assert.equal(parse({ DATA_DIR: dataDir }).backupCodesCheckupSeconds, 180 * 24 * 3600);
  assert.equal(parse({ DATA_DIR: dataDir, BACKUP_CODES_CHECKUP_DAYS: "90" }).backupCodesCheckupSeconds, 90 * 24 * 3600);
  assert.equal(parse({ DATA_DIR: dataDir, BACKUP_CODES_CHECKUP_DAYS: "0.5" }).backupCodesCheckupSeconds, 12 * 3600);
  assert.match(problemWith({ DATA_DIR: dataDir, BACKUP_CODES_CHECKUP_DAYS: "0" }), /BACKUP_CODES_CHECKUP_DAYS must be more than 0 days/);
  assert.match(problemWith({ DATA_DIR: dataDir, BACKUP_CODES_CHECKUP_DAYS: "soon" }), /BACKUP_CODES_CHECKUP_DAYS/);
});

test("self-service recovery is on with a 72-hour wait unless SELF_SERVICE_RECOVERY and SELF_SERVICE_RECOVERY_HOURS say otherwise", () => {
  const dataDir = freshDir();
  assert.deepEqual(parse({ DATA_DIR: dataDir }).selfServiceRecovery, { enabled: true, waitSeconds: 72 * 3600 });
  assert.deepEqual(parse({ DATA_DIR: dataDir, SELF_SERVICE_RECOVERY: "off" }).selfServiceRecovery, {
    enabled: false,
    waitSeconds: 72 * 3600,
  });
  assert.equal(parse({ DATA_DIR: dataDir, SELF_SERVICE_RECOVERY_HOURS: "24" }).selfServiceRecovery.waitSeconds, 24 * 3600);
  assert.equal(parse({ DATA_DIR: dataDir, SELF_SERVICE_RECOVERY_HOURS: "0.5" }).selfServiceRecovery.waitSeconds, 30 * 60);
  assert.match(problemWith({ DATA_DIR: dataDir, SELF_SERVICE_RECOVERY: "maybe" }), /SELF_SERVICE_RECOVERY must be on or off/);
  assert.match(
    problemWith({ DATA_DIR: dataDir, SELF_SERVICE_RECOVERY_HOURS: "0" }),
    /SELF_SERVICE_RECOVERY_HOURS must be more than 0 hours/,
  );
  assert.match(problemWith({ DATA_DIR: dataDir, SELF_SERVICE_RECOVERY_HOURS: "soon" }), /SELF_SERVICE_RECOVERY_HOURS/);
});

test("two-factor authentication is required of staff with 7 days' grace unless REQUIRE_TWO_FACTOR and its grace say otherwise", () => {
  const dataDir = freshDir();
  assert.deepEqual(parse({ DATA_DIR: dataDir }).twoFactorRequirement, { policy: "staff", graceDays: 7 });
  assert.deepEqual(parse({ DATA_DIR: dataDir, REQUIRE_TWO_FACTOR: "everyone", REQUIRE_TWO_FACTOR_GRACE_DAYS: "0" }).twoFactorRequirement, {
    policy: "everyone",
    graceDays: 0,
  });
  assert.deepEqual(parse({ DATA_DIR: dataDir, REQUIRE_TWO_FACTOR: "none" }).twoFactorRequirement, { policy: "none", graceDays: 7 });
  assert.match(problemWith({ DATA_DIR: dataDir, REQUIRE_TWO_FACTOR: "admins" }), /REQUIRE_TWO_FACTOR must be none, staff or everyone/);
  for (const days of ["-1", "1.5", "366", "soon"]) {
    assert.match(
      problemWith({ DATA_DIR: dataDir, REQUIRE_TWO_FACTOR_GRACE_DAYS: days }),
      /REQUIRE_TWO_FACTOR_GRACE_DAYS must be a whole number of days from 0 to 365/,
      days,
    );
  }
});

test("the test clock is honoured in embedded mode only: a production start with TEST_CLOCK_FILE stops", () => {
  assert.equal(parse({ DATA_DIR: freshDir(), TEST_CLOCK_FILE: "/tmp/clock" }).testClockFile, "/tmp/clock");
  assert.equal(parse({ DATA_DIR: freshDir() }).testClockFile, null);
  assert.match(problemWith({ ...PRODUCTION, TEST_CLOCK_FILE: "/tmp/clock" }), /TEST_CLOCK_FILE .* refused when APP_MODE=production/);
});
