"use client";

import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { sendEmailCodeAction } from "./actions";

/**
 * "Email me a code" among the other ways to sign in: one click sends the code and opens the form to
 * type it in (a link to that form would need a second click on its own send button).
 */
export function SendEmailCodeButton({ formHref }: { formHref: string }) {
  const router = useRouter();
  const [state, send, pending] = useActionState(async (previous: FormState, formData: FormData) => {
    const result = await sendEmailCodeAction(previous, formData);
    if (result.status === "success") router.push(`${formHref}&sent=1`);
    return result;
  }, initialFormState);
  return (
    <form action={send} className="space-y-2">
      {state.status === "error" ? <FormMessage message={state.message} /> : null}
      <button type="submit" disabled={pending} className="font-semibold text-brand-600 underline disabled:cursor-wait dark:text-brand-300">
        {pending ? "Sending…" : "Email me a code"}
      </button>
    </form>
  );
}
