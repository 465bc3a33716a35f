-- The account's choice of light or dark pages (lib/appearance/color-scheme.ts). Existing accounts follow the browser.

-- CreateEnum
CREATE TYPE "ColorScheme" AS ENUM ('SYSTEM', 'LIGHT', 'DARK');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "colorScheme" "ColorScheme" NOT NULL DEFAULT 'SYSTEM';
