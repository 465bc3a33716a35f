-- Two-factor authentication required by role or per account, with a stored deadline (lib/two-factor-policy).
-- Columns are added in place rather than by rebuilding the table, as Prisma's diff would.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "twoFactorRequiredByAdmin" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN "twoFactorDeadline" DATETIME;
ALTER TABLE "User" ADD COLUMN "twoFactorRemindersSent" INTEGER NOT NULL DEFAULT 0;
