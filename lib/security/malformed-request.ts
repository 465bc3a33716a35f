// No "server-only" marker: proxy.ts runs outside the React server layer and imports this.

export type Refusal = { status: 400 | 415; message: string };

const ACTION_STATE_FIELD = /^\$ACTION_\d+:\d+$/;
/**
 * What this app's forms send as a server action's arguments (React's encodeReply of `[state,
 * formData]`): plain JSON in which a string starting with "$" is an escaped "$", undefined, or a
 * reference to the form's fields. Other references (promises, streams, big integers, forward
 * references) make React's decoder throw or wait, and no form here sends them.
 */
const ALLOWED_REFERENCE = /^(\$\$|\$undefined$|\$K[0-9a-f]{1,8}$)/;

/**
 * Server action requests whose envelope Next.js cannot decode. Next.js answers those with a 500 (its
 * decoder throws before any action of ours runs), so they are refused here with a 4xx instead. The
 * fields inside a well-formed envelope are the actions' business: each validates them with zod and
 * answers at the field. Returns null for anything that is not a server action or is well-formed.
 */
export async function malformedActionRequest(request: Request): Promise<Refusal | null> {
  if (request.method !== "POST") return null;
  const contentType = request.headers.get("content-type")?.toLowerCase() ?? "";
  const fetchAction = request.headers.has("next-action");
  const multipart = contentType.startsWith("multipart/form-data");
  // A form posted without JavaScript is multipart (Next.js sets the form's encoding); others are not actions.
  if (!fetchAction && !multipart) return null;

  if (fetchAction && !multipart && !contentType.startsWith("text/plain")) {
    return { status: 415, message: "This form cannot be sent as " + (contentType.split(";")[0] || "an untyped body") + "." };
  }
  const malformed: Refusal = { status: 400, message: "This form submission is malformed. Reload the page and try again." };
  try {
    // Whole and at most 1 MB: server.ts read it before Next.js saw the request (lib/security/request-body.ts).
    const body = await request.clone().arrayBuffer();
    if (!multipart) return isFormReply(JSON.parse(new TextDecoder().decode(body))) ? null : malformed;
    // The original header: a multipart boundary is case-sensitive.
    const form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
    for (const [name, value] of form) {
      if (!ACTION_STATE_FIELD.test(name)) continue;
      // `$ACTION_n:0` names the action and where its bound arguments are; the others are those arguments,
      // as JSON text (React's decoder fails on a file there).
      if (typeof value !== "string") return malformed;
      const parsed = JSON.parse(value);
      const wellFormed = name.endsWith(":0")
        ? typeof parsed?.id === "string" && [undefined, null, "$@1"].includes(parsed.bound)
        : isPlainValue(parsed);
      if (!wellFormed) return malformed;
    }
    if (!fetchAction) return null;
    const root = form.get("0");
    return typeof root === "string" && isFormReply(JSON.parse(root)) ? null : malformed;
  } catch {
    return malformed;
  }
}

function isFormReply(root: unknown): boolean {
  return Array.isArray(root) && root.every(isPlainValue);
}

function isPlainValue(value: unknown): boolean {
  if (typeof value === "string") return !value.startsWith("$") || ALLOWED_REFERENCE.test(value);
  if (Array.isArray(value)) return value.every(isPlainValue);
  if (value && typeof value === "object") return Object.values(value).every(isPlainValue);
  return true;
}
