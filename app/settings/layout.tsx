import { AppShell } from "@/components/app-shell";
import { signOutAction } from "@/app/auth/sign-out/actions";
import { requireSession } from "@/lib/auth/current-user";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const { user } = await requireSession();
  return (
    <AppShell username={user.username} isAdmin={user.role !== "USER"} signOut={signOutAction}>
      {children}
    </AppShell>
  );
}
