"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/**
 * While `active`, leaving the page asks first: the browser's own prompt when the tab is closed or
 * reloaded (beforeunload), and `dialog` (an in-page confirmation) for a link clicked inside the app,
 * which navigates without unloading the page. Returns that dialog, to be rendered by the caller.
 */
export function useLeaveGuard(active: boolean, dialog: { title: string; body: string; stay: string; leave: string }) {
  const router = useRouter();
  const [leavingTo, setLeavingTo] = useState<string | null>(null);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    // On window, in the capture phase: before Next.js's link handler, which React runs from the document.
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin || (url.pathname === location.pathname && url.search === location.search)) return;
      event.preventDefault();
      event.stopPropagation();
      setLeavingTo(url.pathname + url.search + url.hash);
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    window.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      window.removeEventListener("click", onClick, true);
    };
  }, [active]);

  useEffect(() => {
    if (leavingTo && !ref.current?.open) ref.current?.showModal();
  }, [leavingTo]);

  const stay = () => {
    ref.current?.close();
    setLeavingTo(null);
  };
  const leave = () => {
    ref.current?.close();
    if (leavingTo) router.push(leavingTo);
  };

  const element = (
    <dialog
      ref={ref}
      aria-labelledby="leave-guard-title"
      aria-describedby="leave-guard-body"
      onClose={() => setLeavingTo(null)}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl bg-white p-6 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/50"
    >
      <h2 id="leave-guard-title" className="text-lg font-semibold text-slate-900">
        {dialog.title}
      </h2>
      <p id="leave-guard-body" className="mt-2 text-slate-700">
        {dialog.body}
      </p>
      <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <button
          type="button"
          onClick={leave}
          className="rounded-md px-4 py-2.5 font-semibold text-red-700 ring-1 ring-red-300 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-600"
        >
          {dialog.leave}
        </button>
        <button
          type="button"
          autoFocus
          onClick={stay}
          className="rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          {dialog.stay}
        </button>
      </div>
    </dialog>
  );
  return { dialog: element };
}
