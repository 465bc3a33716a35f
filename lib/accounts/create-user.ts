import "server-only";
import { randomToken } from "@/lib/tokens/random";
import type { Db, Role, User } from "@/lib/db/client";

export type NewUser = { email: string; username: string; passwordHash: string; role?: Role; confirmed?: boolean };

/** Inserts a user; the caller has validated the fields and hashed the password. */
export function insertUser(tx: Db, user: NewUser): Promise<User> {
  return tx.user.create({
    data: {
      email: user.email,
      username: user.username,
      passwordHash: user.passwordHash,
      role: user.role ?? "USER",
      emailConfirmedAt: user.confirmed ? new Date() : null,
      securityStamp: randomToken(16),
    },
  });
}

/**
 * True for a unique-constraint failure, on the given field if one is named. With driver adapters the
 * field names are in the adapter's error, not in `meta.target`.
 */
export function isUniqueViolation(error: unknown, field?: "email" | "username"): boolean {
  const prismaError = error as {
    code?: string;
    meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } };
  };
  if (prismaError?.code !== "P2002") return false;
  const fields = prismaError.meta?.driverAdapterError?.cause?.constraint?.fields ?? prismaError.meta?.target;
  return field === undefined || JSON.stringify(fields ?? "").includes(field);
}
