// The operator's command line, in the spirit of Mastodon's `tootctl accounts`. Run through
// `npm run accounts -- <command>`; it uses the same configuration (environment, DATA_DIR) as the app.
import { parseArgs } from "node:util";
import { AccountInputError, createAccount } from "@/lib/accounts/create-account";
import { config } from "@/lib/config";
import { ConfigError } from "@/lib/config/parse";
import { db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createDeliver } from "@/lib/mail/transport";
import { deliverDueEmails } from "@/lib/mail/worker";

const USAGE = `Usage:
  npm run accounts -- create USERNAME --email EMAIL [--confirmed] [--role user|admin|owner] [--password-stdin]

  create   Creates an account. Without --password-stdin a password is generated and printed once.
           Without --confirmed the user is emailed a confirmation link.`;

const ROLES = { user: "USER", admin: "ADMIN", owner: "OWNER" } as const;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [group, command, ...rest] = argv;
  if (group !== "accounts" || command !== "create") throw new UsageError(command ? `unknown command: ${command}` : "missing command");
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      confirmed: { type: "boolean", default: false },
      role: { type: "string", default: "user" },
      "password-stdin": { type: "boolean", default: false },
    },
  });
  const [username, ...extra] = positionals;
  if (!username || extra.length > 0) throw new UsageError("give exactly one USERNAME");
  if (!values.email) throw new UsageError("--email is required");
  const role = ROLES[values.role as keyof typeof ROLES];
  if (!role) throw new UsageError(`--role must be one of: ${Object.keys(ROLES).join(", ")}`);
  const password = values["password-stdin"] ? (await readStdin()).replace(/\r?\n$/, "") : undefined;

  await migrate(config().databaseUrl);
  const { user, password: chosen, generated } = await createAccount({ email: values.email, username, password, confirmed: values.confirmed, role });
  await deliverDueEmails(createDeliver()).catch(() => undefined); // the app's worker retries what fails here
  console.log(`OK: created @${user.username} <${user.email}> (${values.role}${values.confirmed ? ", confirmed" : ", confirmation link sent"})`);
  if (generated) console.log(`New password: ${chosen}`);
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

main(process.argv.slice(2))
  .then((code) => (process.exitCode = code))
  .catch((error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`error: ${(error as Error).message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof AccountInputError || error instanceof ConfigError) {
      console.error(`error: ${error.message}`);
      process.exitCode = 1;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  })
  .finally(() => db().$disconnect());
