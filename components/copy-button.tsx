"use client";

import { useState } from "react";

/** Copies `text` to the clipboard; says "Copied" once it is there. `label` names what is copied. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const [failed, setFailed] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={copy}
        aria-label={label}
        className="rounded-md px-3 py-2 text-sm font-semibold text-slate-800 dark:text-slate-200 ring-1 ring-slate-300 dark:ring-slate-600 hover:bg-slate-100 dark:hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300"
      >
        {copied ? "Copied" : "Copy"}
      </button>
      <span aria-live="polite" className="text-sm text-red-700 dark:text-red-300">
        {failed ? "This browser did not allow copying: select the key and copy it by hand." : null}
      </span>
    </span>
  );
}
