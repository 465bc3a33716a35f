"use client";

import { createPortal } from "react-dom";
import { codesSheetLines, type CodesOwner } from "@/lib/backup-codes/sheet";

/**
 * What printing the backup codes puts on paper: the codes, whose they are and when they were made.
 * A direct child of <body>, so that print styles (app/globals.css) can drop everything else from the
 * page, rather than hide it and print blank pages where it stood. Hidden on screen.
 */
export function BackupCodesPrintSheet({ owner, codes, generated }: { owner: CodesOwner; codes: string[]; generated: string }) {
  const { title, lines } = codesSheetLines(owner, generated);
  return createPortal(
    <div data-print-sheet className="hidden bg-white dark:bg-slate-900 p-8 text-black print:block">
      <h1 className="text-2xl font-bold">{title}</h1>
      {lines.map((line) => (
        <p key={line} className="mt-1">
          {line}
        </p>
      ))}
      <ol
        aria-label="Backup codes"
        className="mt-6 grid grid-cols-1 gap-x-12 sm:grid-cols-[repeat(2,max-content)] gap-y-3 font-mono text-lg whitespace-nowrap"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
    </div>,
    document.body,
  );
}
