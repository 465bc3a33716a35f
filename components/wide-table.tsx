import { useId, type ReactNode } from "react";

/**
 * A table wider than a phone: it scrolls sideways inside its panel, says so below `hideCueFrom`, and
 * takes the keyboard's focus so that the arrow keys scroll it too.
 */
export function WideTable({ label, hideCueFrom, children }: { label: string; hideCueFrom: "sm" | "lg"; children: ReactNode }) {
  const cueId = useId();
  return (
    <>
      <p id={cueId} className={`mb-2 text-sm text-slate-500 dark:text-slate-400 ${hideCueFrom === "sm" ? "sm:hidden" : "lg:hidden"}`}>
        Scroll sideways to see every column.
      </p>
      <div
        role="region"
        aria-label={label}
        aria-describedby={cueId}
        tabIndex={0}
        className="-mx-5 overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300 sm:mx-0"
      >
        {children}
      </div>
    </>
  );
}
