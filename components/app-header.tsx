import Link from "next/link";

/** The app's name with its mark, linking home; large on the sign-in pages, which have no header. */
export function BrandLink({ href, large = false }: { href: string; large?: boolean }) {
  return (
    <Link
      href={href}
      className={`flex items-center gap-2 font-bold text-brand-600 dark:text-brand-300 ${large ? "mb-8 text-2xl tracking-tight" : "text-lg"}`}
    >
      <span aria-hidden className={`grid place-items-center rounded-lg bg-brand-600 text-white ${large ? "size-9 text-lg" : "size-8"}`}>
        K
      </span>
      Keyring
    </Link>
  );
}

/** The bar at the top of every page with a header: the app's name, and what the page puts on the right. */
export function AppHeader({ home, children }: { home: string; children?: React.ReactNode }) {
  return (
    <header className="border-b border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
        <BrandLink href={home} />
        {children}
      </div>
    </header>
  );
}
