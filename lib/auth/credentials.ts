import "server-only";
import { db, type User } from "@/lib/db/client";
import { hashPassword, passwordMatch } from "@/lib/passwords/hashing";

/**
 * The user whose email and password these are, or null. Unknown addresses cost the same bcrypt
 * comparisons too, so the answer takes the same time either way.
 */
export async function verifyCredentials(email: string, password: string): Promise<User | null> {
  const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() } });
  const match = await passwordMatch(password, user?.passwordHash ?? null);
  if (!user || !match.valid) return null;
  if (match.legacy) await replaceLegacyHash(user, password);
  return user;
}

/**
 * A hash from before passwords were normalised (lib/passwords/policy.ts) becomes the hash of the
 * normalised form, so that the password then works however its accents are typed. Only while the
 * old hash is still stored: a password changed meanwhile must not be overwritten by the old one.
 */
async function replaceLegacyHash(user: User, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db().user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash } });
}
