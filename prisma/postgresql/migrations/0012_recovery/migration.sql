-- Backup-code check-ups and "This wasn't me" (lib/backup-codes/checkup.ts, lib/lockdown). A set
-- confirmed saved before this migration counts as confirmed when it was made.

-- AlterEnum
ALTER TYPE "TokenPurpose" ADD VALUE 'ACCOUNT_LOCKDOWN';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "backupCheckupEmails" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "backupCodesConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "checkupLowEmailedAt" TIMESTAMP(3),
ADD COLUMN     "checkupStaleEmailedAt" TIMESTAMP(3),
ADD COLUMN     "passwordResetRequiredAt" TIMESTAMP(3);

UPDATE "User" SET "backupCodesConfirmedAt" = (SELECT MAX("createdAt") FROM "BackupCode" WHERE "BackupCode"."userId" = "User"."id")
WHERE "backupCodesUnsavedSince" IS NULL;
