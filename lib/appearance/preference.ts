import "server-only";
import { db, type ColorScheme } from "@/lib/db/client";

/** Keeps the account's choice of light or dark pages; not a security change, so no audit row or email. */
export async function setColorScheme(userId: string, colorScheme: ColorScheme): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { colorScheme } });
}
