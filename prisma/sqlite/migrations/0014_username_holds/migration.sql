-- Usernames held by sign-ups that did not create an account with them (lib/accounts/username-holds.ts).

-- CreateTable
CREATE TABLE "UsernameHold" (
    "username" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "UsernameHold_userId_idx" ON "UsernameHold"("userId");

-- CreateIndex
CREATE INDEX "UsernameHold_expiresAt_idx" ON "UsernameHold"("expiresAt");
