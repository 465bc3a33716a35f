import { appendFileSync, existsSync, readFileSync } from "node:fs";

/** The secrets the browser tests handle, which a copy of the database must never contain. */
export type SecretKind = "password" | "authenticator secret" | "backup code" | "link token";

function secretsFile(): string {
  const file = process.env.E2E_SECRETS_FILE;
  if (!file) throw new Error("E2E_SECRETS_FILE is not set: run the tests through Playwright");
  return file;
}

/** Notes a secret a test used (one line in a file of the run's temporary folder, shared by the workers). */
export function recordSecret(kind: SecretKind, value: string): void {
  appendFileSync(secretsFile(), JSON.stringify({ kind, value }) + "\n");
}

/**
 * How many recorded secrets of each kind appear in `dump`, as typed or as shown (backup codes and
 * authenticator keys are shown grouped, typed without the separators). The secrets are never returned.
 */
export function secretsFoundIn(dump: string): { checked: number; found: Map<SecretKind, number> } {
  const found = new Map<SecretKind, number>();
  if (!existsSync(secretsFile())) return { checked: 0, found };
  const secrets = readFileSync(secretsFile(), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { kind: SecretKind; value: string });
  for (const { kind, value } of secrets) {
    const forms = new Set([value, value.replace(/[\s-]/g, "")].filter((form) => form.length >= 6));
    if ([...forms].some((form) => dump.includes(form))) found.set(kind, (found.get(kind) ?? 0) + 1);
  }
  return { checked: secrets.length, found };
}
