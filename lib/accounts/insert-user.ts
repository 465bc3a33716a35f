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
