/** The form-wide message, announced to screen readers when it changes. */
export function FormMessage({ message, tone = "error" }: { message?: string; tone?: "error" | "success" | "info" }) {
  const styles = {
    error: "border-red-200 bg-red-50 text-red-800",
    success: "border-emerald-200 bg-emerald-50 text-emerald-800",
    info: "border-sky-200 bg-sky-50 text-sky-900",
  }[tone];
  return (
    <div aria-live="polite" role={tone === "error" ? "alert" : "status"}>
      {message ? <p className={`rounded-md border px-3 py-2.5 text-sm font-medium ${styles}`}>{message}</p> : null}
    </div>
  );
}
