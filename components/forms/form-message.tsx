/** The form-wide message, announced to screen readers when it changes. */
export function FormMessage({ message, tone = "error" }: { message?: string; tone?: "error" | "success" | "info" }) {
  const styles = {
    error: "border-red-200 dark:border-red-900 bg-red-50 dark:bg-red-950 text-red-800 dark:text-red-200",
    success: "border-emerald-200 dark:border-emerald-900 bg-emerald-50 dark:bg-emerald-950 text-emerald-800 dark:text-emerald-200",
    info: "border-sky-200 dark:border-sky-800 bg-sky-50 dark:bg-sky-950 text-sky-900 dark:text-sky-200",
  }[tone];
  return (
    <div aria-live="polite" role={tone === "error" ? "alert" : "status"}>
      {message ? (
        <p data-form-message tabIndex={-1} className={`rounded-md border px-3 py-2.5 text-sm font-medium ${styles}`}>
          {message}
        </p>
      ) : null}
    </div>
  );
}

/**
 * What went wrong in a security-key or passkey ceremony (cancelled, timed out, refused), announced
 * at once; the button that started it points here with `aria-describedby`. Nothing when all is well.
 */
export function CeremonyProblem({ id, problem }: { id: string; problem: string | null | undefined }) {
  if (!problem) return null;
  return (
    <p
      id={id}
      role="alert"
      className="rounded-md border border-red-200 dark:border-red-900 bg-red-50 dark:bg-red-950 px-3 py-2.5 text-sm font-medium text-red-800 dark:text-red-200"
    >
      {problem}
    </p>
  );
}
