import { AppHeader } from "./app-header";

/** The frame of a page outside the flows (not found, forbidden, an error): the app's header, a message, ways back. */
export function PlainFrame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="min-h-dvh">
      <AppHeader home="/" />
      <main className="mx-auto flex max-w-xl flex-col items-center px-4 py-16 text-center">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-slate-100">{title}</h1>
        {children}
      </main>
    </div>
  );
}

export const frameLinkClass = "font-semibold text-brand-700 dark:text-brand-300 underline";
