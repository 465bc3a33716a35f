import Link from "next/link";
import type { CheckupReason } from "@/lib/backup-codes/checkup";
import { LocalTime } from "./local-time";

const linkClass =
  "inline-flex items-center justify-center rounded-md bg-white dark:bg-slate-900 px-3 py-2 text-sm font-semibold text-amber-900 dark:text-amber-200 ring-1 ring-amber-300 dark:ring-amber-700 hover:bg-amber-100 dark:hover:bg-amber-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300";

/**
 * The backup-code check-up (lib/backup-codes/checkup.ts): why the codes need attention, with a direct
 * way to check one or to make a new set. Nothing when none is due.
 */
export function BackupCodesCheckupNotice({
  reasons,
  remaining,
  confirmedSince,
}: {
  reasons: CheckupReason[];
  remaining: number;
  confirmedSince: Date | null;
}) {
  if (reasons.length === 0) return null;
  return (
    <section
      aria-labelledby="checkup-heading"
      data-testid="backup-codes-checkup"
      className="mb-6 rounded-xl border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950 p-5 text-amber-950 dark:text-amber-200"
    >
      <h2 id="checkup-heading" className="font-semibold">
        Your backup codes need a check-up
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {reasons.includes("stale") ? (
          <li>
            {confirmedSince ? (
              <>
                They were last confirmed on <LocalTime date={confirmedSince} />.
              </>
            ) : (
              "They have not been confirmed for a long time."
            )}{" "}
            Check one to be sure you still have them: checking does not use it up.
          </li>
        ) : null}
        {reasons.includes("low") ? (
          <li>
            {remaining === 0
              ? "You have no backup codes left."
              : `Only ${remaining} unused ${remaining === 1 ? "code is" : "codes are"} left.`}{" "}
            Generate a new set so that you can still sign in if you lose your phone or key.
          </li>
        ) : null}
      </ul>
      <div className="mt-4 flex flex-wrap gap-2">
        {remaining > 0 ? (
          <Link href="/settings/two-factor#check-backup-code" className={linkClass}>
            Check a code
          </Link>
        ) : null}
        <Link href="/settings/two-factor/backup-codes" className={linkClass}>
          Regenerate codes
        </Link>
      </div>
    </section>
  );
}
