import { AppHeader } from "./app-header";
import { SettingsNav, type NavItem } from "./settings-nav";
import { SignOutButton } from "./sign-out-button";

/** The signed-in frame: header, Preferences navigation, and the page. */
export function AppShell({
  username,
  isAdmin,
  signOut,
  banner,
  children,
}: {
  username: string;
  isAdmin: boolean;
  signOut: () => Promise<void>;
  /** Shown above every page (the two-factor deadline). */
  banner?: React.ReactNode;
  children: React.ReactNode;
}) {
  const items: NavItem[] = [
    { href: "/settings/account", label: "Account", children: [{ href: "/settings/two-factor", label: "Two-factor Authentication" }] },
    { href: "/settings/sessions", label: "Sessions" },
    { href: "/settings/security-log", label: "Security log" },
    ...(isAdmin ? [{ href: "/admin", label: "Administration" }] : []),
  ];
  return (
    <div className="min-h-dvh">
      <AppHeader home="/settings/account">
        <div className="flex min-w-0 items-center gap-3">
          <span className="hidden truncate text-sm text-slate-600 dark:text-slate-400 sm:inline">@{username}</span>
          <SignOutButton endSession={signOut} />
        </div>
      </AppHeader>
      <div className="mx-auto max-w-5xl gap-8 px-4 py-6 md:flex md:py-10">
        <aside className="mb-6 md:mb-0 md:w-60 md:shrink-0">
          <p className="mb-3 hidden px-3 text-xs font-bold tracking-wider text-slate-600 dark:text-slate-400 uppercase md:block">
            Preferences
          </p>
          <SettingsNav items={items} />
        </aside>
        <main className="min-w-0 flex-1">
          {banner}
          {children}
        </main>
      </div>
    </div>
  );
}
