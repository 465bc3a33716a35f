import { z } from "zod";

/** Where to go after signing in: only a path on this site, never another origin. */
export function safeNextPath(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  // Control characters are refused too: browsers drop tabs and newlines, so "/\t/evil.com" is "//evil.com".
  if (!path || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\") || /[\u0000-\u001f\u007f]/.test(path)) {
    return "/settings/account";
  }
  return path;
}

/** The form field carrying where to go next; checked with safeNextPath where it is used. */
export const nextPathField = z.string().max(2000).optional();
