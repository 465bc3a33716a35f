-- AlterTable
ALTER TABLE "Session" ADD COLUMN "keyChallenge" TEXT;
ALTER TABLE "Session" ADD COLUMN "keyChallengeExpiresAt" DATETIME;

-- AlterTable
ALTER TABLE "PendingSignIn" ADD COLUMN "emailCodeDigest" TEXT;
ALTER TABLE "PendingSignIn" ADD COLUMN "emailCodeExpiresAt" DATETIME;
ALTER TABLE "PendingSignIn" ADD COLUMN "keyChallenge" TEXT;

-- CreateTable
CREATE TABLE "SecurityKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "counter" BIGINT NOT NULL DEFAULT 0,
    "transports" TEXT,
    "lastUsedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SecurityKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (written by hand: Prisma would rebuild the table to add two columns)
ALTER TABLE "User" ADD COLUMN "twoFactorEnabledAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "emailCodesEnabled" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "SecurityKey_credentialId_key" ON "SecurityKey"("credentialId");

-- CreateIndex
CREATE INDEX "SecurityKey_userId_idx" ON "SecurityKey"("userId");

-- Until now an authenticator app was the only second factor.
UPDATE "User" SET "twoFactorEnabledAt" = "totpEnabledAt";
