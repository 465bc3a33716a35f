import Link from "next/link";

/** The frame of a page outside the flows (not found, forbidden, an error): the app's header, a message, ways back. */
export function PlainFrame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="min-h-dvh">
      <header className="border-b border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900">
        <div className="mx-auto flex max-w-5xl items-center px-4 py-3">
          <Link href="/" className="flex items-center gap-2 text-lg font-bold text-brand-600 dark:text-brand-300">
            <span aria-hidden className="grid size-8 place-items-center rounded-lg bg-brand-600 text-white">
              K
            </span>
            Keyring
          </Link>
        </div>
      </header>
      <main className="mx-auto flex max-w-xl flex-col items-center px-4 py-16 text-center">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-slate-100">{title}</h1>
        {children}
      </main>
    </div>
  );
}

export const frameLinkClass = "font-semibold text-brand-700 dark:text-brand-300 underline";
