"use client";

import { useFormStatus } from "react-dom";

const VARIANTS = {
  primary: "bg-brand-600 text-white shadow-sm hover:bg-brand-700",
  secondary:
    "bg-white dark:bg-slate-900 text-slate-800 dark:text-slate-200 ring-1 ring-slate-300 dark:ring-slate-600 hover:bg-slate-100 dark:hover:bg-slate-800",
  /** Turns something off or removes it: red, so that it does not pass for the usual next step. */
  danger: "bg-red-600 text-white shadow-sm hover:bg-red-700 focus-visible:outline-red-600 dark:focus-visible:outline-red-400",
};

export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
  label,
}: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: keyof typeof VARIANTS;
  /** The accessible name, when the visible text alone is ambiguous (one "Remove" per row). */
  label?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      aria-label={label}
      className={`inline-flex w-full items-center justify-center rounded-md px-4 py-2.5 text-base font-semibold transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300 disabled:cursor-wait disabled:opacity-70 ${VARIANTS[variant]}`}
    >
      {pending ? (pendingLabel ?? "Please wait…") : children}
    </button>
  );
}
