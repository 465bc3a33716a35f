-- Backup-code check-ups and "This wasn't me" (lib/backup-codes/checkup.ts, lib/lockdown). SQLite stores
-- Prisma enums as TEXT: the new token purpose ACCOUNT_LOCKDOWN needs no change here. A set confirmed
-- saved before this migration counts as confirmed when it was made.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "backupCodesConfirmedAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "backupCheckupEmails" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "User" ADD COLUMN "checkupStaleEmailedAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "checkupLowEmailedAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "passwordResetRequiredAt" DATETIME;

UPDATE "User" SET "backupCodesConfirmedAt" = (SELECT MAX("createdAt") FROM "BackupCode" WHERE "BackupCode"."userId" = "User"."id")
WHERE "backupCodesUnsavedSince" IS NULL;
