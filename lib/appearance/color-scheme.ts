import { z } from "zod";
import type { ColorScheme } from "@/lib/db/client";

/** What the account may choose, in the order the form offers it. */
export const COLOR_SCHEMES: { value: ColorScheme; label: string }[] = [
  { value: "SYSTEM", label: "System (follow this device)" },
  { value: "LIGHT", label: "Light" },
  { value: "DARK", label: "Dark" },
];

export const colorSchemeInput = z.object({
  colorScheme: z.enum(["SYSTEM", "LIGHT", "DARK"], { error: "Choose System, Light or Dark." }),
});

/** The theme a page is rendered with: `data-theme` on <html> (app/globals.css keys the dark variant on it). */
export type Theme = "system" | "light" | "dark";

/**
 * An account's choice, or the browser's for anyone signed out: "system" leaves it to
 * prefers-color-scheme, so a page never flashes a theme the browser then replaces.
 */
export function themeFor(account: { colorScheme: ColorScheme } | null): Theme {
  if (account?.colorScheme === "LIGHT") return "light";
  if (account?.colorScheme === "DARK") return "dark";
  return "system";
}
