-- Self-service recovery requests (lib/recovery). openFor is the user's id while a request is open and
-- null once it closes: its unique index allows one open request per account, races included.
-- SQLite stores Prisma enums as TEXT: the new token purposes need no change here.

-- CreateTable
CREATE TABLE "RecoveryRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "openFor" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "ip" TEXT,
    "userAgent" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" DATETIME NOT NULL,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "closedAt" DATETIME,
    "closedHow" TEXT,
    CONSTRAINT "RecoveryRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "RecoveryRequest_openFor_key" ON "RecoveryRequest"("openFor");

-- CreateIndex
CREATE INDEX "RecoveryRequest_userId_idx" ON "RecoveryRequest"("userId");

-- CreateIndex
CREATE INDEX "RecoveryRequest_state_idx" ON "RecoveryRequest"("state");

