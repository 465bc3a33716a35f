-- SQLite stores Prisma enums as TEXT: the new token purpose EMAIL_CHANGE needs no change here.

-- AlterTable
ALTER TABLE "Session" ADD COLUMN "deviceHash" TEXT;

-- CreateIndex
CREATE INDEX "Session_userId_deviceHash_idx" ON "Session"("userId", "deviceHash");
