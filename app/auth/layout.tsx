import { BrandLink } from "@/components/app-header";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center px-4 py-10 sm:justify-center">
      <BrandLink href="/" large />
      <div className="w-full max-w-md rounded-xl bg-white dark:bg-slate-900 p-6 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700 sm:p-8">
        {children}
      </div>
    </main>
  );
}
