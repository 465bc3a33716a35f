-- Passkeys (lib/passkeys): a flag and the backup flags on the WebAuthn credential, and the challenges
-- of passwordless sign-ins. Columns are added rather than the table rebuilt: existing keys stay
-- security keys.

-- AlterTable
ALTER TABLE "SecurityKey" ADD COLUMN "passkey" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "SecurityKey" ADD COLUMN "multiDevice" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "SecurityKey" ADD COLUMN "backedUp" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "PasskeyChallenge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "bindingHash" TEXT NOT NULL,
    "challenge" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "PasskeyChallenge_bindingHash_key" ON "PasskeyChallenge"("bindingHash");

-- CreateIndex
CREATE INDEX "PasskeyChallenge_expiresAt_idx" ON "PasskeyChallenge"("expiresAt");
