"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import type { ColorScheme } from "@/lib/db/client";
import { initialFormState } from "@/lib/forms/form-state";
import { setColorSchemeAction } from "./actions";

export function ColorSchemeForm({ current, options }: { current: ColorScheme; options: { value: ColorScheme; label: string }[] }) {
  const [state, formAction] = useActionState(setColorSchemeAction, initialFormState);
  const error = state.fieldErrors?.colorScheme;
  return (
    <form action={formAction} className="max-w-md space-y-4">
      <FormMessage tone={state.status === "success" ? "success" : "error"} message={state.message} />
      <fieldset aria-describedby={error ? "colorScheme-error" : undefined}>
        <legend className="mb-2 text-sm font-semibold text-slate-800 dark:text-slate-200">Theme</legend>
        <div className="space-y-2">
          {options.map((option) => (
            <label key={option.value} className="flex items-center gap-3 text-slate-800 dark:text-slate-200">
              <input
                type="radio"
                name="colorScheme"
                value={option.value}
                defaultChecked={option.value === current}
                className="size-4 accent-brand-600 dark:accent-brand-300"
              />
              {option.label}
            </label>
          ))}
        </div>
        {error ? (
          <p id="colorScheme-error" className="mt-2 text-sm font-medium text-red-700 dark:text-red-300">
            {error}
          </p>
        ) : null}
      </fieldset>
      <div className="sm:w-48">
        <SubmitButton variant="secondary" pendingLabel="Saving…">
          Save appearance
        </SubmitButton>
      </div>
    </form>
  );
}
