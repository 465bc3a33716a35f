-- AlterEnum
ALTER TYPE "TokenPurpose" ADD VALUE 'BACKUP_CODES_DELIVERY';

-- AlterTable
ALTER TABLE "UserToken" ADD COLUMN     "payload" TEXT;

