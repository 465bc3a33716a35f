-- The account's choice of light or dark pages (lib/appearance/color-scheme.ts). Existing accounts follow the browser.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "colorScheme" TEXT NOT NULL DEFAULT 'SYSTEM';
