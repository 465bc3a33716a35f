import type { z } from "zod";

/**
 * Every rule a field breaks, in one message per field, each stated once. A field left empty gets its
 * first message alone ("Enter a password."): the others would only describe the nothing typed.
 */
export function errorsPerField(error: z.ZodError, formData: FormData): Record<string, string> {
  const messages = new Map<string, string[]>();
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    const list = messages.get(field) ?? [];
    const typed = formData.get(field);
    const empty = typeof typed !== "string" || typed.trim() === "";
    if (!list.includes(issue.message) && (list.length === 0 || !empty)) list.push(issue.message);
    messages.set(field, list);
  }
  return Object.fromEntries([...messages].map(([field, list]) => [field, list.join(" ")]));
}
