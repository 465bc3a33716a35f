import Link from "next/link";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center px-4 py-10 sm:justify-center">
      <Link href="/" className="mb-8 flex items-center gap-2 text-2xl font-bold tracking-tight text-brand-600 dark:text-brand-300">
        <span aria-hidden className="grid size-9 place-items-center rounded-lg bg-brand-600 text-lg text-white">
          K
        </span>
        Keyring
      </Link>
      <div className="w-full max-w-md rounded-xl bg-white dark:bg-slate-900 p-6 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700 sm:p-8">
        {children}
      </div>
    </main>
  );
}
