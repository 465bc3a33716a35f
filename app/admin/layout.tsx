import { AppShell } from "@/components/app-shell";
import { TwoFactorDeadlineBanner } from "@/components/two-factor-deadline-banner";
import { signOutAction } from "@/app/auth/sign-out/actions";
import { requireAdmin } from "@/lib/admin/require-admin";
import { currentTwoFactorRequirement } from "@/lib/auth/current-user";
import { now } from "@/lib/clock";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const { user } = await requireAdmin();
  const requirement = await currentTwoFactorRequirement();
  return (
    <AppShell
      username={user.username}
      isAdmin
      signOut={signOutAction}
      banner={<TwoFactorDeadlineBanner requirement={requirement} now={now()} />}
    >
      {children}
    </AppShell>
  );
}
