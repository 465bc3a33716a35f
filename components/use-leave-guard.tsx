"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ConfirmDialog } from "./confirm-dialog";

/**
 * While `active`, leaving the page asks first: the browser's own prompt when the tab is closed or
 * reloaded (beforeunload), and `dialog` (an in-page confirmation) for a link clicked inside the app,
 * which navigates without unloading the page. Returns that dialog, to be rendered by the caller.
 */
export function useLeaveGuard(active: boolean, dialog: { title: string; body: string; stay: string; leave: string }) {
  const router = useRouter();
  const [leavingTo, setLeavingTo] = useState<string | null>(null);

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

  const element = (
    <ConfirmDialog
      open={leavingTo !== null}
      title={dialog.title}
      confirmLabel={dialog.leave}
      cancelLabel={dialog.stay}
      onCancel={() => setLeavingTo(null)}
      onConfirm={() => {
        setLeavingTo(null);
        if (leavingTo) router.push(leavingTo);
      }}
    >
      {dialog.body}
    </ConfirmDialog>
  );
  return { dialog: element };
}
