// The operator's command line, in the spirit of Mastodon's `tootctl accounts`. Run through
// `npm run accounts -- <command>`; it uses the same configuration (environment, DATA_DIR) as the app.
import { parseArgs } from "node:util";
import { AccountInputError, createAccount } from "@/lib/accounts/create-account";
import { AdminActionError } from "@/lib/admin/actor";
import { config } from "@/lib/config";
import { ConfigError } from "@/lib/config/parse";
import { db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createDeliver } from "@/lib/mail/transport";
import { deliverDueEmails } from "@/lib/mail/worker";
import { listAccounts } from "@/lib/cli/accounts-list";
import { modifyAccount } from "@/lib/cli/accounts-modify";
import { recoveryCommand } from "@/lib/cli/accounts-recovery";
import { ROLES, roleNamed, USAGE, UsageError } from "@/lib/cli/usage";

async function main(argv: string[]): Promise<number> {
  const [group, command, ...rest] = argv;
  if (group !== "accounts" || !["create", "modify", "list", "recovery"].includes(command ?? "")) {
    throw new UsageError(command ? `unknown command: ${command}` : "missing command");
  }
  await migrate(config().databaseUrl);
  if (command === "modify") {
    await modifyAccount(rest, console.log);
  } else if (command === "list") {
    await listAccounts(rest, console.log);
  } else if (command === "recovery") {
    await recoveryCommand(rest, console.log);
  } else {
    await create(rest);
  }
  await deliverDueEmails(createDeliver()).catch(() => undefined); // the app's worker retries what fails here
  return 0;
}

async function create(rest: string[]): Promise<void> {
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
  const role = roleNamed(values.role);
  if (!role) throw new UsageError(`--role must be one of: ${Object.keys(ROLES).join(", ")}`);
  const password = values["password-stdin"] ? (await readStdin()).replace(/\r?\n$/, "") : undefined;

  const {
    user,
    password: chosen,
    generated,
  } = await createAccount({ email: values.email, username, password, confirmed: values.confirmed, role });
  console.log(
    `OK: created @${user.username} <${user.email}> (${values.role}${values.confirmed ? ", confirmed" : ", confirmation link sent"})`,
  );
  if (generated) console.log(`New password: ${chosen}`);
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
    } else if (error instanceof AccountInputError || error instanceof AdminActionError || error instanceof ConfigError) {
      console.error(`error: ${error.message}`);
      process.exitCode = 1;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  })
  .finally(() => db().$disconnect());
