import { AppShell } from "@/components/app-shell";
import { requireAdmin } from "@/lib/auth/current-user";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const { user } = await requireAdmin();
  return (
    <AppShell username={user.username} isAdmin>
      {children}
    </AppShell>
  );
}
