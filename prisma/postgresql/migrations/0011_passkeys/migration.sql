-- Passkeys (lib/passkeys): a flag and the backup flags on the WebAuthn credential, and the challenges
-- of passwordless sign-ins. Existing keys stay security keys.

-- AlterTable
ALTER TABLE "SecurityKey" ADD COLUMN     "backedUp" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "multiDevice" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "passkey" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "PasskeyChallenge" (
    "id" TEXT NOT NULL,
    "bindingHash" TEXT NOT NULL,
    "challenge" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasskeyChallenge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PasskeyChallenge_bindingHash_key" ON "PasskeyChallenge"("bindingHash");

-- CreateIndex
CREATE INDEX "PasskeyChallenge_expiresAt_idx" ON "PasskeyChallenge"("expiresAt");

