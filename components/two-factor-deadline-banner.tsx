import Link from "next/link";
import { LocalTime } from "@/components/local-time";
import { formatTimeLeft, type TwoFactorRequirement } from "@/lib/two-factor-policy/requirement";

/**
 * On every Preferences page while the account must set up two-factor authentication: the deadline in
 * the reader's zone and the time left, or, once it has passed, that setup is the only way on.
 */
export function TwoFactorDeadlineBanner({ requirement, now }: { requirement: TwoFactorRequirement | null; now: Date }) {
  if (requirement?.status !== "pending" && requirement?.status !== "overdue") return null;
  const { deadline } = requirement;
  if (!deadline) return null;
  const overdue = requirement.status === "overdue";
  return (
    <section
      aria-labelledby="two-factor-deadline-title"
      data-testid="two-factor-deadline"
      className={`mb-6 rounded-md border px-4 py-3 ${overdue ? "border-red-300 dark:border-red-800 bg-red-50 dark:bg-red-950 text-red-900 dark:text-red-200" : "border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950 text-amber-950 dark:text-amber-200"}`}
    >
      <h2 id="two-factor-deadline-title" className="font-semibold">
        {overdue ? "Set up two-factor authentication to continue" : "Two-factor authentication is required for your account"}
      </h2>
      <p className="mt-1">
        {overdue ? (
          <>
            The deadline was <LocalTime date={deadline} />. Until you add an authenticator app or a security key, this account can only set
            one up or sign out.
          </>
        ) : (
          <>
            Set it up by <LocalTime date={deadline} />: <strong data-testid="two-factor-time-left">{formatTimeLeft(deadline, now)}</strong>{" "}
            left. After that, you will not be able to use your account until you do.
          </>
        )}
      </p>
      <p className="mt-2">
        <Link href="/settings/two-factor" className="font-semibold underline">
          Set up two-factor authentication
        </Link>
      </p>
    </section>
  );
}
