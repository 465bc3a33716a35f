import Link from "next/link";

/** Where a recovery page that cannot go on sends the reader. */
export function SignInLink() {
  return (
    <p className="mt-6 text-slate-700 dark:text-slate-300">
      <Link href="/auth/sign-in" className="font-semibold text-brand-600 dark:text-brand-300 underline">
        Sign in
      </Link>
    </p>
  );
}

export function BackToSecondStep() {
  return (
    <p className="mt-6 text-center text-sm">
      <Link href="/auth/two-factor" className="underline">
        Back to the second step
      </Link>
    </p>
  );
}
