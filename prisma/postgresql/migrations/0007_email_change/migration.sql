-- AlterEnum
ALTER TYPE "TokenPurpose" ADD VALUE 'EMAIL_CHANGE';

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "deviceHash" TEXT;

-- CreateIndex
CREATE INDEX "Session_userId_deviceHash_idx" ON "Session"("userId", "deviceHash");
