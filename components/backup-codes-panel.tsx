"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { CodesOwner } from "@/lib/backup-codes/sheet";
import { formatDateTime, localTimeZone } from "@/lib/format";
import { BackupCodesPrintSheet } from "./backup-codes-print-sheet";

/**
 * Freshly generated backup codes, shown this once. Continue stays disabled until the user has copied,
 * downloaded or printed them, or says they saved them another way.
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
  const [generated, setGenerated] = useState<string | null>(null);
  useEffect(() => setGenerated(formatDateTime(new Date(), localTimeZone())), []);
  const router = useRouter();
  const text = `${codes.join("\n")}\n`;
  const canShare = typeof navigator !== "undefined" && typeof navigator.share === "function";

  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    setSaved(true);
  };
  const download = () => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    link.download = owner.fileName;
    link.click();
    URL.revokeObjectURL(link.href);
    setSaved(true);
  };
  const print = () => {
    window.print();
    setSaved(true);
  };
  const share = async () => {
    await navigator.share({ title: "Backup codes", text }).then(() => setSaved(true), () => undefined);
  };

  const button =
    "rounded-md px-3 py-2 text-sm font-semibold text-slate-800 ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600";
  return (
    <section aria-labelledby="backup-codes-heading" className="space-y-5">
      <div>
        <h2 id="backup-codes-heading" className="text-lg font-semibold text-slate-900">
          Your backup codes
        </h2>
        <p className="mt-1 text-slate-700">
          Each code signs you in once if you lose your phone. Keep them somewhere safe, such as a password manager. This is the
          only time they are shown.
        </p>
      </div>
      {generated ? <BackupCodesPrintSheet owner={owner} codes={codes} generated={generated} /> : null}
      <ol className="grid grid-cols-1 gap-2 rounded-lg bg-slate-50 p-4 font-mono text-lg ring-1 ring-slate-200 sm:grid-cols-2" aria-label="Backup codes">
        {codes.map((code) => (
          <li key={code} className="tracking-wide text-slate-900">
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
      <label className="flex items-center gap-2 text-slate-800">
        <input type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} className="size-4 accent-brand-600" />
        I have saved these codes
      </label>
      <button
        type="button"
        disabled={!saved}
        onClick={() => {
          onContinue?.();
          router.push(continueHref);
        }}
        className="inline-flex w-full items-center justify-center rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50 sm:w-auto"
      >
        Continue
      </button>
    </section>
  );
}
