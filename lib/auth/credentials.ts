import "server-only";
import { db, type User } from "@/lib/db/client";
import { verifyPassword } from "@/lib/passwords/hashing";

/**
 * The user whose email and password these are, or null. Unknown addresses cost one bcrypt comparison
 * too, so the answer takes the same time either way.
 */
export async function verifyCredentials(email: string, password: string): Promise<User | null> {
  const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() } });
  const valid = await verifyPassword(password, user?.passwordHash ?? null);
  return valid ? user : null;
}
