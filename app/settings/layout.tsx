import { AppShell } from "@/components/app-shell";
import { TwoFactorDeadlineBanner } from "@/components/two-factor-deadline-banner";
import { signOutAction } from "@/app/auth/sign-out/actions";
import { currentTwoFactorRequirement, requireSession } from "@/lib/auth/current-user";
import { now } from "@/lib/clock";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  // The shell only: every page checks for itself, and the two-factor setup pages stay open past the deadline.
  const { user } = await requireSession({ twoFactorSetup: true });
  const requirement = await currentTwoFactorRequirement();
  return (
    <AppShell
      username={user.username}
      isAdmin={user.role !== "USER"}
      signOut={signOutAction}
      banner={<TwoFactorDeadlineBanner requirement={requirement} now={now()} />}
    >
      {children}
    </AppShell>
  );
}
