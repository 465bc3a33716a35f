import Link from "next/link";

/** Back from an administration sub-page to the list of accounts. */
export function AllAccountsLink() {
  return (
    <p className="mb-2 text-sm">
      <Link href="/admin" className="text-brand-700 dark:text-brand-300 underline">
        ← All accounts
      </Link>
    </p>
  );
}
