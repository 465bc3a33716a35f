import { AppShell } from "@/components/app-shell";
import { signOutAction } from "@/app/auth/sign-out/actions";
import { requireAdmin } from "@/lib/admin/require-admin";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const { user } = await requireAdmin();
  return (
    <AppShell username={user.username} isAdmin signOut={signOutAction}>
      {children}
    </AppShell>
  );
}
