import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">You cannot open this page</h1>
      <p className="mt-2 text-slate-600">It is for the server&apos;s administrators.</p>
      <Link href="/settings/account" className="mt-6 font-semibold text-brand-700 underline">
        Back to your preferences
      </Link>
    </main>
  );
}
