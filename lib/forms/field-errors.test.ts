import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import { errorsPerField } from "./field-errors";

const schema = z.object({
  code: z.string().min(1, "Enter the code.").regex(/^\d*$/, "Digits only.").length(6, "Six digits."),
  name: z.string().min(1, "Enter a name."),
});
const errorsFor = (fields: Record<string, string>) => {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.set(name, value);
  const parsed = schema.safeParse(fields);
  assert.equal(parsed.success, false);
  return errorsPerField(parsed.error as z.ZodError, formData);
};

test("every rule a field breaks is in its message, each once", () => {
  assert.deepEqual(errorsFor({ code: "12a", name: "Ada" }), { code: "Digits only. Six digits." });
});

test("an empty field gets only its first message", () => {
  assert.deepEqual(errorsFor({ code: "", name: "" }), { code: "Enter the code.", name: "Enter a name." });
});
