"use client";

import { useEffect, useRef } from "react";
import type { FormState } from "@/lib/forms/form-state";

/**
 * After a refused submit, focus goes to the first field in error (a screen reader then reads its label
 * and its message), or to the form's message when no field is to blame, instead of falling to the page.
 * Attach the returned ref to the form.
 */
export function useFocusOnError(state: FormState) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status !== "error" || !form.current) return;
    const target =
      form.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.current.querySelector<HTMLElement>("[data-form-message]");
    target?.focus();
  }, [state]);
  return form;
}
