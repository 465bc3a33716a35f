-- Two-factor authentication required by role or per account, with a stored deadline (lib/two-factor-policy).

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "twoFactorDeadline" TIMESTAMP(3),
ADD COLUMN     "twoFactorRemindersSent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "twoFactorRequiredByAdmin" BOOLEAN NOT NULL DEFAULT false;
