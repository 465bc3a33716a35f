// No "server-only" marker here: server.ts reads the configuration before Next.js starts. Application
// code imports it through lib/config/index.ts, which has the marker.
import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { ensurePrivateFolder, tightenIfPresent } from "../security/private-files";

/**
 * All configuration, read once from the environment and validated.
 *
 * APP_MODE=embedded (the default) runs on a SQLite file in DATA_DIR, generates its secrets there on
 * first run, and delivers mail to a local mailbox page unless SMTP_URL is set. APP_MODE=production
 * requires every setting and secret to be given and has no local mailbox.
 */
export type AppConfig = {
  mode: "embedded" | "production";
  appName: string;
  appUrl: URL;
  port: number;
  /** The address to listen on: loopback only in embedded mode unless HOST opens it. */
  host: string;
  dataDir: string;
  databaseUrl: string;
  databaseProvider: "sqlite" | "postgresql";
  smtpUrl: string | null;
  mailFrom: string;
  authSecret: string;
  /** 32 bytes for AES-256-GCM (lib/encryption). */
  encryptionKey: Buffer;
  bcryptCost: number;
  trustProxy: boolean;
  session: { idleTimeoutSeconds: number; maxAgeSeconds: number };
  /** Whether users may opt in to codes sent by email as a fallback second factor (a weaker factor). */
  allowEmailCodes: boolean;
  /** PASSKEYS=allowed: passkeys can be added, and sign in or confirm a sudo prompt or admin action without a password. */
  allowPasskeys: boolean;
  /** Email the user after a password-only sign-in from a browser the account has not used before. */
  newBrowserEmails: boolean;
  /** Backup codes last confirmed longer ago than this are due for a check-up (notice and one email). */
  backupCodesCheckupSeconds: number;
  /** Who must have two-factor authentication, and the days they get to set it up (lib/two-factor-policy). */
  twoFactorRequirement: { policy: TwoFactorPolicy; graceDays: number };
  /**
   * Self-service recovery when every second factor is lost (lib/recovery): whether users may start a
   * request (off leaves recovery to administrators), and how long the owner has to cancel one.
   */
  selfServiceRecovery: { enabled: boolean; waitSeconds: number };
  /**
   * A file holding seconds to add to the server's clock, for browser tests that move time
   * (lib/clock.ts). Refused when APP_MODE=production.
   */
  testClockFile: string | null;
};

/** none: no one is required; staff: admins and the owner; everyone: every account. */
export type TwoFactorPolicy = "none" | "staff" | "everyone";

const SECRET_NAMES = ["AUTH_SECRET", "ENCRYPTION_KEY"] as const;
type SecretName = (typeof SECRET_NAMES)[number];

const DAY = 24 * 60 * 60;

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

const environmentSchema = z.object({
  APP_MODE: z.enum(["embedded", "production"]).default("embedded"),
  APP_NAME: z.string().min(1).default("Keyring"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z
    .string()
    .refine(
      (host) => isIP(host) !== 0,
      "must be an IP address to listen on, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)",
    )
    .optional(),
  APP_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://accounts.example.com" }).optional(),
  DATA_DIR: z.string().min(1).default("data"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an SMTP URL such as smtp://user:pass@host:587")
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (generate one with `openssl rand -base64 32`)").optional(),
  ENCRYPTION_KEY: z
    .string()
    .refine((key) => Buffer.from(key, "base64").length === 32, "must be 32 bytes in base64 (generate one with `openssl rand -base64 32`)")
    .optional(),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  TRUST_PROXY: booleanFlag.default(false),
  SESSION_IDLE_TIMEOUT_DAYS: z.coerce.number().positive().default(14),
  SESSION_MAX_AGE_DAYS: z.coerce.number().positive().default(90),
  EMAIL_CODES: z.enum(["allowed", "forbidden"], { error: "must be allowed or forbidden" }).default("allowed"),
  NEW_BROWSER_EMAILS: booleanFlag.default(true),
  PASSKEYS: z.enum(["allowed", "forbidden"], { error: "must be allowed or forbidden" }).default("allowed"),
  BACKUP_CODES_CHECKUP_DAYS: z.coerce.number({ error: "must be a number of days" }).positive("must be more than 0 days").default(180),
  REQUIRE_TWO_FACTOR: z.enum(["none", "staff", "everyone"], { error: "must be none, staff or everyone" }).default("staff"),
  REQUIRE_TWO_FACTOR_GRACE_DAYS: z.coerce
    .number({ error: "must be a whole number of days from 0 to 365" })
    .int("must be a whole number of days from 0 to 365")
    .min(0, "must be a whole number of days from 0 to 365")
    .max(365, "must be a whole number of days from 0 to 365")
    .default(7),
  SELF_SERVICE_RECOVERY: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  SELF_SERVICE_RECOVERY_HOURS: z.coerce
    .number({ error: "must be a number of hours" })
    .positive("must be more than 0 hours")
    .max(8760, "must be at most 8760 hours (a year)")
    .default(72),
  TEST_CLOCK_FILE: z.string().min(1).optional(),
});

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads the environment given; exported for tests. Embedded mode may create DATA_DIR and its secrets file. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = environmentSchema.safeParse(dropEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  const values = parsed.data;
  const production = values.APP_MODE === "production";
  const dataDir = path.resolve(values.DATA_DIR);

  const missing = production
    ? (["DATABASE_URL", "SMTP_URL", "APP_URL", "MAIL_FROM", ...SECRET_NAMES] as const).filter((name) => !values[name])
    : [];
  if (missing.length > 0) {
    throw new ConfigError(missing.map((name) => `${name} is required when APP_MODE=production`));
  }
  if (production && values.APP_URL && !values.APP_URL.startsWith("https://")) {
    throw new ConfigError(["APP_URL must be https:// when APP_MODE=production"]);
  }
  if (production && values.TEST_CLOCK_FILE) {
    throw new ConfigError(["TEST_CLOCK_FILE moves the server's clock for tests and is refused when APP_MODE=production"]);
  }
  if (values.SESSION_IDLE_TIMEOUT_DAYS > values.SESSION_MAX_AGE_DAYS) {
    throw new ConfigError(["SESSION_IDLE_TIMEOUT_DAYS must not exceed SESSION_MAX_AGE_DAYS"]);
  }

  const secrets = production ? pickSecrets(values) : embeddedSecrets(dataDir, values);
  const databaseUrl = values.DATABASE_URL ?? `file:${path.join(dataDir, "app.db")}`;
  const appUrl = new URL(values.APP_URL ?? `http://localhost:${values.PORT}`);

  return {
    mode: values.APP_MODE,
    appName: values.APP_NAME,
    appUrl,
    port: values.PORT,
    // Production runs behind a reverse proxy, usually on another machine, and has no local mailbox.
    host: values.HOST ?? (production ? "0.0.0.0" : "127.0.0.1"),
    dataDir,
    databaseUrl,
    databaseProvider: databaseUrl.startsWith("file:") ? "sqlite" : "postgresql",
    smtpUrl: values.SMTP_URL ?? null,
    mailFrom: values.MAIL_FROM ?? `${values.APP_NAME} <no-reply@${appUrl.hostname}>`,
    authSecret: secrets.AUTH_SECRET,
    encryptionKey: Buffer.from(secrets.ENCRYPTION_KEY, "base64"),
    bcryptCost: values.BCRYPT_COST,
    trustProxy: values.TRUST_PROXY,
    session: {
      idleTimeoutSeconds: Math.round(values.SESSION_IDLE_TIMEOUT_DAYS * DAY),
      maxAgeSeconds: Math.round(values.SESSION_MAX_AGE_DAYS * DAY),
    },
    allowEmailCodes: values.EMAIL_CODES === "allowed",
    allowPasskeys: values.PASSKEYS === "allowed",
    newBrowserEmails: values.NEW_BROWSER_EMAILS,
    backupCodesCheckupSeconds: Math.round(values.BACKUP_CODES_CHECKUP_DAYS * DAY),
    twoFactorRequirement: { policy: values.REQUIRE_TWO_FACTOR, graceDays: values.REQUIRE_TWO_FACTOR_GRACE_DAYS },
    selfServiceRecovery: {
      enabled: values.SELF_SERVICE_RECOVERY === "on",
      waitSeconds: Math.round(values.SELF_SERVICE_RECOVERY_HOURS * 3600),
    },
    testClockFile: production ? null : (values.TEST_CLOCK_FILE ?? null),
  };
}

function dropEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])));
}

function pickSecrets(values: Partial<Record<SecretName, string>>): Record<SecretName, string> {
  return Object.fromEntries(SECRET_NAMES.map((name) => [name, values[name] as string])) as Record<SecretName, string>;
}

/**
 * Embedded mode keeps generated secrets in DATA_DIR/secrets.json (mode 0600) so that sessions and
 * encrypted data survive restarts. A secret given in the environment wins over the file.
 */
function embeddedSecrets(dataDir: string, values: Partial<Record<SecretName, string>>): Record<SecretName, string> {
  const file = path.join(dataDir, "secrets.json");
  ensurePrivateFolder(dataDir);
  tightenIfPresent(file);
  let stored = readSecretsFile(file);
  if (SECRET_NAMES.some((name) => !stored[name])) {
    const generated = Object.fromEntries(SECRET_NAMES.map((name) => [name, randomBytes(32).toString("base64url")]));
    stored = { ...generated, ...stored };
    writeSecretsFile(file, stored);
  }
  return Object.fromEntries(SECRET_NAMES.map((name) => [name, values[name] ?? stored[name]])) as Record<SecretName, string>;
}

/** Write-then-rename, so that a process starting at the same moment never reads half a file. */
function writeSecretsFile(file: string, secrets: Partial<Record<SecretName, string>>) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  renameSync(temporary, file);
}

function readSecretsFile(file: string): Partial<Record<SecretName, string>> {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new ConfigError([`${file} is not valid JSON: fix or delete it (deleting it signs everybody out)`]);
  }
}
