-- AlterTable
ALTER TABLE "UserToken" ADD COLUMN "payload" TEXT;

