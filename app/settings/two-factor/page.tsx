import type { Metadata } from "next";
import { PageTitle, Panel } from "@/components/panel";
import { requireSession } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Two-factor Authentication" };

export default async function TwoFactorPage() {
  await requireSession();
  return (
    <>
      <PageTitle
        title="Two-factor Authentication"
        lead="A second step at sign-in, so that a stolen password alone does not open your account."
      />
      <Panel title="Status">
        <p className="flex items-center gap-2 text-slate-800">
          <span className="rounded-full bg-slate-200 px-2.5 py-0.5 text-sm font-semibold text-slate-700">Off</span>
          Two-factor authentication is not set up for this account.
        </p>
      </Panel>
    </>
  );
}
