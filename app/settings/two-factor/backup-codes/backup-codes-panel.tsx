"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { codesFileText, type CodesOwner } from "@/lib/backup-codes/sheet";
import { formatDateTime, localTimeZone } from "@/lib/display/date-time";
import { useHydrated } from "@/components/use-hydrated";
import { useLeaveGuard } from "@/components/use-leave-guard";
import { confirmBackupCodesSavedAction } from "./actions";
import { BackupCodesPrintSheet } from "./backup-codes-print-sheet";

/**
 * Freshly generated backup codes, shown this once. Continue stays disabled, and leaving the page asks
 * first, until the user has copied, downloaded or printed them, or says they saved them another way;
 * that is then recorded, so that the Two-factor page can warn about a set never saved.
 */
export function BackupCodesPanel({
  codes,
  owner,
  continueHref,
  onContinue,
}: {
  codes: string[];
  owner: CodesOwner;
  continueHref: string;
  /** For a panel shown in place of a form on the page it continues to: puts the form back. */
  onContinue?: () => void;
}) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  // Set once mounted: the time is the reader's own, and the print sheet goes into <body>.
  const [shownAt] = useState(() => new Date());
  const generated = useHydrated() ? formatDateTime(shownAt, localTimeZone()) : null;
  const recorded = useRef<Promise<unknown> | null>(null);
  const router = useRouter();
  const text = `${codes.join("\n")}\n`;
  const canShare = typeof navigator !== "undefined" && typeof navigator.share === "function";
  const { dialog } = useLeaveGuard(!saved, {
    title: "Leave without saving your backup codes?",
    body: "Your old codes no longer work, and these are not shown again. If you leave now without a copy, you will need to generate a new set.",
    stay: "Stay and save them",
    leave: "Leave anyway",
  });

  const markSaved = () => {
    setSaved(true);
    if (recorded.current) return;
    const form = new FormData();
    form.set("code", codes[0] as string);
    // A failure here only leaves a warning on the Two-factor page: nothing to tell the user now.
    recorded.current = confirmBackupCodesSavedAction(form).catch(() => undefined);
  };
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    markSaved();
  };
  const download = () => {
    const link = document.createElement("a");
    const file = codesFileText(owner, codes, generated ?? formatDateTime(new Date(), localTimeZone()));
    link.href = URL.createObjectURL(new Blob([file], { type: "text/plain" }));
    link.download = owner.fileName;
    link.click();
    URL.revokeObjectURL(link.href);
    markSaved();
  };
  const print = () => {
    window.print();
    markSaved();
  };
  const share = async () => {
    await navigator.share({ title: "Backup codes", text }).then(markSaved, () => undefined);
  };
  const continueOn = async () => {
    await recorded.current;
    onContinue?.();
    router.push(continueHref);
  };

  const button =
    "rounded-md px-3 py-2 text-sm font-semibold text-slate-800 dark:text-slate-200 ring-1 ring-slate-300 dark:ring-slate-600 hover:bg-slate-100 dark:hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300";
  return (
    <section aria-labelledby="backup-codes-heading" className="space-y-5">
      <div>
        <h2 id="backup-codes-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
          Your backup codes
        </h2>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          Each code signs you in once if you lose your phone. Keep them somewhere safe, such as a password manager. This is the only time
          they are shown.
        </p>
      </div>
      {generated ? <BackupCodesPrintSheet owner={owner} codes={codes} generated={generated} /> : null}
      <ol
        className="grid grid-cols-1 gap-2 rounded-lg bg-slate-50 dark:bg-slate-800 p-4 font-mono text-lg ring-1 ring-slate-200 dark:ring-slate-700 sm:grid-cols-2"
        aria-label="Backup codes"
      >
        {codes.map((code) => (
          <li key={code} className="tracking-wide text-slate-900 dark:text-slate-100">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={copy} className={button}>
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" onClick={download} className={button}>
          Download
        </button>
        <button type="button" onClick={print} className={button}>
          Print
        </button>
        {canShare ? (
          <button type="button" onClick={share} className={button}>
            Share
          </button>
        ) : null}
      </div>
      <label className="flex items-center gap-2 text-slate-800 dark:text-slate-200">
        <input
          type="checkbox"
          checked={saved}
          onChange={(event) => (event.target.checked ? markSaved() : setSaved(false))}
          className="size-4 accent-brand-600"
        />
        I have saved these codes
      </label>
      <button
        type="button"
        disabled={!saved}
        onClick={continueOn}
        className="inline-flex w-full items-center justify-center rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50 sm:w-auto"
      >
        Continue
      </button>
      {dialog}
    </section>
  );
}
