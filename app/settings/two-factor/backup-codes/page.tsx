import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageTitle, Panel } from "@/components/panel";
import { codesOwner } from "@/lib/backup-codes/sheet";
import { config } from "@/lib/config";
import { requireSudo } from "@/lib/auth/current-user";
import { RegenerateForm } from "./regenerate-form";

export const metadata: Metadata = { title: "Regenerate backup codes" };

export default async function RegenerateBackupCodesPage() {
  const { user } = await requireSudo("/settings/two-factor/backup-codes");
  if (!user.twoFactorEnabledAt) redirect("/settings/two-factor");
  return (
    <>
      <PageTitle title="Regenerate backup codes" />
      <Panel title="A new set of ten codes">
        <p className="mb-5 rounded-md border border-amber-200 dark:border-amber-800 bg-amber-50 dark:bg-amber-950 px-3 py-2.5 text-amber-900 dark:text-amber-200">
          All of your existing backup codes stop working the moment you generate new ones, including any you have saved or printed.
        </p>
        <RegenerateForm owner={codesOwner(config().appName, config().appUrl, user)} />
      </Panel>
    </>
  );
}
