"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { FormMessage } from "@/components/forms/form-message";
import { initialFormState } from "@/lib/forms/form-state";
import { revokeOtherSessionsAction, revokeSessionAction } from "./actions";

function Button({ children, label }: { children: React.ReactNode; label: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-label={label}
      className="rounded-md px-3 py-1.5 text-sm font-semibold text-red-700 dark:text-red-300 ring-1 ring-red-200 dark:ring-red-900 hover:bg-red-50 dark:hover:bg-red-950 focus-visible:outline-2 focus-visible:outline-red-600 dark:focus-visible:outline-red-400 disabled:opacity-60"
    >
      {pending ? "Signing out…" : children}
    </button>
  );
}

export function RevokeSessionButton({ sessionId, description }: { sessionId: string; description: string }) {
  const [state, formAction] = useActionState(revokeSessionAction, initialFormState);
  return (
    <form action={formAction} className="shrink-0">
      <input type="hidden" name="sessionId" value={sessionId} />
      <Button label={`Sign out ${description}`}>Sign out</Button>
      <FormMessage message={state.message} />
    </form>
  );
}

export function RevokeOthersButton() {
  const [state, formAction] = useActionState(revokeOtherSessionsAction, initialFormState);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage message={state.message} />
      <Button label="Sign out of all other sessions">Sign out of all other sessions</Button>
    </form>
  );
}
