import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";

/**
 * What a printout of the page would say: the page printed to PDF by Chromium (print media, as the
 * print dialog does), read back with poppler's `pdftotext` (Debian: `apt-get install poppler-utils`).
 * Returns the text and the number of pages.
 */
export async function printedText(page: Page): Promise<{ text: string; pages: number }> {
  const folder = mkdtempSync(path.join(tmpdir(), "keyring-print-"));
  try {
    const file = path.join(folder, "page.pdf");
    writeFileSync(file, await page.pdf({ format: "A4" }));
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    return { text, pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
