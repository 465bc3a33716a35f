-- Backup codes shown but not yet confirmed saved (lib/backup-codes/saved.ts). Existing sets count as saved.

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "backupCodesUnsavedSince" TIMESTAMP(3);
