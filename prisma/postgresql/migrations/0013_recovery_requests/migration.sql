-- Self-service recovery requests (lib/recovery). openFor is the user's id while a request is open and
-- null once it closes: its unique index allows one open request per account, races included.

-- AlterEnum
ALTER TYPE "TokenPurpose" ADD VALUE 'RECOVERY_FINISH';
ALTER TYPE "TokenPurpose" ADD VALUE 'RECOVERY_CANCEL';

-- CreateTable
CREATE TABLE "RecoveryRequest" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "openFor" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "ip" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" TIMESTAMP(3) NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedHow" TEXT,

    CONSTRAINT "RecoveryRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RecoveryRequest_openFor_key" ON "RecoveryRequest"("openFor");

-- CreateIndex
CREATE INDEX "RecoveryRequest_userId_idx" ON "RecoveryRequest"("userId");

-- CreateIndex
CREATE INDEX "RecoveryRequest_state_idx" ON "RecoveryRequest"("state");

-- AddForeignKey
ALTER TABLE "RecoveryRequest" ADD CONSTRAINT "RecoveryRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

