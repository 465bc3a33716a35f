import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { db, type Role, type User } from "@/lib/db/client";
import { notifyOutbox } from "@/lib/mail/outbox";
import { generatePassword, hashPassword } from "@/lib/passwords/hashing";
import { passwordProblem } from "@/lib/passwords/policy";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { insertUser } from "./insert-user";
import { emailField, usernameField } from "./fields";
import { sendConfirmation } from "./sign-up";
import { purgeLapsedSignUps } from "./unconfirmed";

export class AccountInputError extends Error {}

/**
 * Creates an account for the operator (the command line), like `tootctl accounts create`. Without a
 * password, one is generated and returned so that it can be shown once. An unconfirmed account is
 * sent the usual confirmation link.
 */
export async function createAccount(input: {
  email: string;
  username: string;
  password?: string;
  confirmed: boolean;
  role: Role;
}): Promise<{ user: User; password: string; generated: boolean }> {
  const email = parseField(emailField, input.email, "email");
  const username = parseField(usernameField, input.username, "username");
  const generated = input.password === undefined;
  const password = input.password ?? generatePassword();
  const problem = passwordProblem(password, { email, username });
  if (problem) throw new AccountInputError(`password: ${problem}`);

  const passwordHash = await hashPassword(password);
  try {
    const user = await db().$transaction(async (tx) => {
      await purgeLapsedSignUps(tx, { email, username });
      const created = await insertUser(tx, { email, username, passwordHash, role: input.role, confirmed: input.confirmed });
      if (!input.confirmed) await sendConfirmation(tx, created);
      await recordAudit(tx, { action: "account.created", targetUserId: created.id, details: `role ${input.role.toLowerCase()}` });
      return created;
    });
    notifyOutbox();
    return { user, password, generated };
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw new AccountInputError(`email: ${email} already has an account`);
    if (isUniqueViolation(error, "username")) throw new AccountInputError(`username: @${username} is taken`);
    throw error;
  }
}

function parseField<T>(schema: z.ZodType<T>, value: string, name: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AccountInputError(`${name}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
