import type { Metadata } from "next";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { CopyButton } from "@/components/copy-button";
import { Panel } from "@/components/panel";
import { config } from "@/lib/config";
import { codesOwner } from "@/lib/backup-codes/sheet";
import { requireSudo } from "@/lib/auth/current-user";
import { beginAuthenticatorSetup } from "@/lib/two-factor/setup";
import { groupKey, totpUri } from "@/lib/two-factor/totp";
import { SetupSteps } from "./setup-steps";

export const metadata: Metadata = { title: "Set up an authenticator app" };

export default async function SetupPage() {
  const { user } = await requireSudo("/settings/two-factor/setup", { twoFactorSetup: true });
  if (user.totpEnabledAt) redirect("/settings/two-factor");
  const secret = await beginAuthenticatorSetup(user);
  const uri = totpUri({ secret, issuer: config().appName, account: user.email });
  const qr = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });

  return (
    <>
      <SetupSteps
        codesOwner={codesOwner(config().appName, config().appUrl, user)}
        qrPanel={
          <Panel title="1. Scan this QR code with the app">
            <div className="flex flex-col gap-6 sm:flex-row sm:items-start">
              {/* eslint-disable-next-line @next/next/no-img-element -- a data URL, nothing to optimise */}
              <img
                src={`data:image/svg+xml;base64,${Buffer.from(qr).toString("base64")}`}
                alt="QR code for your authenticator app. If you cannot scan it, type the setup key shown next to it."
                width={192}
                height={192}
                className="size-48 shrink-0 self-center rounded-md bg-white ring-1 ring-slate-200 dark:ring-slate-700 sm:self-start"
              />
              <div className="min-w-0 space-y-2">
                <p className="text-slate-700 dark:text-slate-300">
                  Can&apos;t scan it? Add an account by hand in the app and type this key (time-based):
                </p>
                <p
                  className="font-mono text-lg font-semibold tracking-wider break-words text-slate-900 dark:text-slate-100"
                  data-testid="setup-key"
                >
                  {groupKey(secret)}
                </p>
                <p className="text-sm text-slate-500 dark:text-slate-400">The spaces are only there to make it easier to read.</p>
                <CopyButton text={secret} label="Copy setup key" />
                <div className="border-t border-slate-100 dark:border-slate-800 pt-3 pointer-fine:hidden">
                  <p className="mb-2 text-slate-700 dark:text-slate-300">
                    Setting up on this phone? The app can take the account straight from a link:
                  </p>
                  {/* The same content as the QR code: rendered into this page only, never logged or stored. */}
                  <a
                    href={uri}
                    className="inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300"
                  >
                    Open in authenticator app
                  </a>
                </div>
              </div>
            </div>
          </Panel>
        }
      />
    </>
  );
}
