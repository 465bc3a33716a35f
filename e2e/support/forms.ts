import type { APIRequestContext } from "@playwright/test";
import { randomBytes } from "node:crypto";

/**
 * A form as the server rendered it, before any script runs: Next.js's hidden inputs that name the
 * server action (what a browser without JavaScript posts back), the other hidden inputs, and the
 * names of the fields a user fills in.
 */
export type ServedForm = { actionFields: [string, string][]; hidden: [string, string][]; fields: string[]; actionId: string | null };

const ENTITIES: Record<string, string> = { "&quot;": '"', "&amp;": "&", "&lt;": "<", "&gt;": ">", "&#x27;": "'", "&#39;": "'" };

function attribute(tag: string, name: string): string | null {
  const match = tag.match(new RegExp(`\\s${name}="([^"]*)"`));
  return match ? (match[1] as string).replace(/&(quot|amp|lt|gt|#x27|#39);/g, (entity) => ENTITIES[entity] as string) : null;
}

/** The server-action forms in a page's HTML (forms posting elsewhere are left out). */
export function formsIn(html: string): ServedForm[] {
  const forms: ServedForm[] = [];
  for (const [, open, inner] of html.matchAll(/(<form\b[^>]*>)([\s\S]*?)<\/form>/g)) {
    if (attribute(open as string, "action")) continue;
    const form: ServedForm = { actionFields: [], hidden: [], fields: [], actionId: null };
    for (const [tag] of (inner as string).matchAll(/<(?:input|textarea|select)\b[^>]*>/g)) {
      const name = attribute(tag, "name");
      if (!name) continue;
      const value = attribute(tag, "value") ?? "";
      if (name.startsWith("$ACTION")) {
        form.actionFields.push([name, value]);
        if (name.endsWith(":0")) form.actionId = (JSON.parse(value) as { id: string }).id;
        else if (name.startsWith("$ACTION_ID_")) form.actionId = name.slice("$ACTION_ID_".length);
      } else if (attribute(tag, "type") === "hidden") form.hidden.push([name, value]);
      else if (!form.fields.includes(name)) form.fields.push(name);
    }
    if (form.actionFields.length > 0) forms.push(form);
  }
  return forms;
}

/** A multipart/form-data body, written by hand so that any value (a NUL, a lone surrogate, a field sent twice) goes as given. */
/** Entries are [name, value], or [name, content, file name] for a file. */
export function multipart(entries: ([string, string] | [string, string, string])[]): { body: Buffer; contentType: string } {
  const boundary = `----fuzz${randomBytes(8).toString("hex")}`;
  const parts = entries.map(([name, value, fileName]) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, "%22")}"`),
      Buffer.from(fileName === undefined ? "\r\n\r\n" : `; filename="${fileName}"\r\nContent-Type: application/json\r\n\r\n`),
      Buffer.from(value, "utf8"),
      Buffer.from("\r\n"),
    ]),
  );
  return { body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Fills in the first server-action form of `page` as a browser without JavaScript would post it, from
 * `address`, and returns the answer's status and page. `request` keeps the cookies, as a browser does;
 * pass the form already read (`served`) to save a request.
 */
export async function submitForm(
  request: APIRequestContext,
  page: string,
  fields: Record<string, string>,
  options: { address: string; origin?: string; served?: ServedForm },
): Promise<{ status: number; html: string; form: ServedForm }> {
  const form = options.served ?? formsIn(await (await request.get(page, { headers: { "x-forwarded-for": options.address } })).text())[0];
  if (!form) throw new Error(`No server-action form on ${page}`);
  const { body, contentType } = multipart([...form.actionFields, ...Object.entries({ ...Object.fromEntries(form.hidden), ...fields })]);
  const headers: Record<string, string> = { "content-type": contentType, "x-forwarded-for": options.address };
  if (options.origin) headers.origin = options.origin;
  const response = await request.post(page, { headers, data: body });
  return { status: response.status(), html: await response.text(), form };
}
