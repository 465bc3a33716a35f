"use client";

import { useEffect, useId, useRef } from "react";

/**
 * A modal question before something that cannot be undone or loses data. `open` shows it; Escape or
 * the cancel button answer no. The confirm button takes `tone`'s colour ("danger": red).
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = "Cancel",
  tone = "danger",
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: "danger" | "primary";
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (open && !dialog?.open) dialog?.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);
  const confirmStyle =
    tone === "danger"
      ? "bg-red-600 text-white hover:bg-red-700 focus-visible:outline-red-600 dark:focus-visible:outline-red-400"
      : "bg-brand-600 text-white hover:bg-brand-700 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300";
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onClose={() => open && onCancel()}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl bg-white dark:bg-slate-900 p-6 shadow-xl ring-1 ring-slate-200 dark:ring-slate-700 backdrop:bg-slate-900/50"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900 dark:text-slate-100">
        {title}
      </h2>
      <div id={`${id}-body`} className="mt-2 text-slate-700 dark:text-slate-300">
        {children}
      </div>
      <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <button
          type="button"
          autoFocus
          onClick={onCancel}
          className="rounded-md px-4 py-2.5 font-semibold text-slate-800 dark:text-slate-200 ring-1 ring-slate-300 dark:ring-slate-600 hover:bg-slate-100 dark:hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300"
        >
          {cancelLabel}
        </button>
        <button
          type="button"
          onClick={onConfirm}
          className={`rounded-md px-4 py-2.5 font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 ${confirmStyle}`}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
