import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Facts, PageTitle, Panel } from "@/components/panel";
import { accountState } from "@/lib/admin/accounts";
import { managementRefusal, REFUSAL_MESSAGES } from "@/lib/admin/roles";
import { requireAdmin } from "@/lib/admin/require-admin";
import { hasUsablePasskey } from "@/lib/passkeys/confirmation";
import { LocalTime } from "@/components/local-time";
import { describeBrowser } from "@/lib/display/browser";
import { openRecoveryRequest } from "@/lib/recovery/start";
import {
  approveRecoveryAction,
  changeEmailAction,
  confirmAccountAction,
  denyRecoveryAction,
  disableTwoFactorAction,
  regenerateCodesAction,
  requireTwoFactorAction,
  sendPasswordResetAction,
  stopRequiringTwoFactorAction,
} from "../actions";
import { config } from "@/lib/config";
import { isTwoFactorRequired } from "@/lib/two-factor-policy/requirement";
import { StaffActionForm } from "./staff-action-form";
import { AllAccountsLink } from "../../all-accounts-link";

export const metadata: Metadata = { title: "Account" };

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { user: admin } = await requireAdmin();
  const state = await accountState((await params).id);
  if (!state) notFound();
  const { user, securityKeys: keys, backupCodesLeft: codesLeft } = state;
  const refusal = managementRefusal(admin, user);
  const active = user.emailConfirmedAt !== null;
  const proofs = { code: admin.totpEnabledAt !== null, passkey: await hasUsablePasskey(admin.id) };
  const required = isTwoFactorRequired(user, config().twoFactorRequirement);
  const recovery = await openRecoveryRequest(user.id);

  return (
    <>
      <AllAccountsLink />
      <PageTitle title={`@${user.username}`} lead={user.email} />
      <Panel title="State">
        <Facts
          rows={[
            ["Role", user.role.charAt(0) + user.role.slice(1).toLowerCase()],
            ["Email confirmed", user.emailConfirmedAt ? <LocalTime date={user.emailConfirmedAt} /> : "No"],
            [
              "Two-factor authentication",
              user.twoFactorEnabledAt ? (
                <>
                  On since <LocalTime date={user.twoFactorEnabledAt} />
                </>
              ) : (
                "Off"
              ),
            ],
            [
              "Authenticator app",
              user.totpEnabledAt ? (
                <>
                  Since <LocalTime date={user.totpEnabledAt} />
                </>
              ) : (
                "None"
              ),
            ],
            [
              "Two-factor requirement",
              !required ? (
                "Not required"
              ) : user.twoFactorEnabledAt ? (
                "Required, met"
              ) : user.twoFactorDeadline ? (
                <>
                  Required by <LocalTime date={user.twoFactorDeadline} />
                </>
              ) : (
                "Required, no deadline yet"
              ),
            ],
            [
              "Locked down",
              user.passwordResetRequiredAt ? (
                <>
                  Since <LocalTime date={user.passwordResetRequiredAt} /> (&ldquo;This wasn&rsquo;t me&rdquo;): no sign-in until a new
                  password is chosen with the emailed link
                </>
              ) : (
                "No"
              ),
            ],
            ["Security keys", String(keys)],
            ["Backup codes left", user.twoFactorEnabledAt ? String(codesLeft) : "None"],
            ["Last sign-in", user.lastSignInAt ? <LocalTime date={user.lastSignInAt} /> : "Never"],
            ["Created", <LocalTime key="created" date={user.createdAt} />],
          ]}
        />
      </Panel>
      {refusal === "own account" ? (
        <Panel title="Actions">
          <p className="text-slate-700 dark:text-slate-300">
            Change your own account in{" "}
            <Link href="/settings/account" className="font-semibold text-brand-700 dark:text-brand-300 underline">
              Preferences
            </Link>
            .
          </p>
        </Panel>
      ) : refusal ? (
        <Panel title="Actions">
          <p className="text-slate-700 dark:text-slate-300">{REFUSAL_MESSAGES[refusal]}</p>
        </Panel>
      ) : !proofs.code && !proofs.passkey ? (
        <Panel title="Actions">
          <p className="text-slate-700 dark:text-slate-300">
            Acting on other accounts needs a code from your own authenticator app, or one of your own passkeys.{" "}
            <Link href="/settings/two-factor" className="font-semibold text-brand-700 dark:text-brand-300 underline">
              Set up an authenticator app or a passkey
            </Link>{" "}
            first.
          </p>
        </Panel>
      ) : (
        <>
          {recovery ? (
            <Panel title="Recovery request">
              <p className="mb-4 text-slate-700 dark:text-slate-300" data-testid="recovery-request">
                Started <LocalTime date={recovery.createdAt} /> from {describeBrowser(recovery.userAgent)}, IP address{" "}
                {recovery.ip ?? "unknown"}.{" "}
                {recovery.state === "approved" ? (
                  "Approved: the user can finish it now."
                ) : (
                  <>
                    Two-factor authentication turns off when the user finishes it, from <LocalTime date={recovery.readyAt} />.
                  </>
                )}
              </p>
              {recovery.state === "pending" ? (
                <div className="mb-6">
                  <StaffActionForm
                    action={approveRecoveryAction}
                    userId={user.id}
                    proofs={proofs}
                    submitLabel="Approve the recovery request"
                  />
                </div>
              ) : null}
              <StaffActionForm action={denyRecoveryAction} userId={user.id} proofs={proofs} submitLabel="Deny the recovery request" />
            </Panel>
          ) : null}
          <Panel title="Regenerate backup codes">
            {active && user.twoFactorEnabledAt ? (
              <>
                <p className="mb-4 text-slate-700 dark:text-slate-300">
                  The user&apos;s current backup codes stop working at once. They get an email with a link to the new ones, which only they
                  can open; you will not see the codes. Their authenticator app and security keys keep working.
                </p>
                <StaffActionForm action={regenerateCodesAction} userId={user.id} proofs={proofs} submitLabel="Regenerate backup codes" />
              </>
            ) : (
              <p className="text-slate-700 dark:text-slate-300">
                {active
                  ? "This account has no two-factor authentication, so it has no backup codes."
                  : "This account is not active yet: its email address is not confirmed."}
              </p>
            )}
          </Panel>
          {user.twoFactorEnabledAt ? (
            <Panel title="Disable two-factor authentication">
              <p className="mb-4 text-slate-700 dark:text-slate-300">
                Clears the authenticator app, the security keys, the passkeys and the backup codes, ends all of the user&apos;s sessions,
                and emails them.
              </p>
              <StaffActionForm
                action={disableTwoFactorAction}
                userId={user.id}
                proofs={proofs}
                submitLabel="Disable two-factor authentication"
              />
            </Panel>
          ) : null}
          <Panel title="Require two-factor authentication">
            {user.twoFactorRequiredByAdmin ? (
              <>
                <p className="mb-4 text-slate-700 dark:text-slate-300">
                  This account requires two-factor authentication by itself, whatever the server&apos;s policy. Lifting that leaves the
                  server&apos;s policy in force.
                </p>
                <StaffActionForm action={stopRequiringTwoFactorAction} userId={user.id} submitLabel="Stop requiring 2FA for this account" />
              </>
            ) : (
              <>
                <p className="mb-4 text-slate-700 dark:text-slate-300">
                  Requires two-factor authentication of this account whatever the server&apos;s policy. Without it, the user gets a deadline
                  ({config().twoFactorRequirement.graceDays} days from now) and is emailed; after it, they can only set it up or sign out.
                </p>
                <StaffActionForm action={requireTwoFactorAction} userId={user.id} submitLabel="Require 2FA for this account" />
              </>
            )}
          </Panel>
          <Panel title="Change email address">
            <StaffActionForm action={changeEmailAction} userId={user.id} proofs={proofs} submitLabel="Change email address" withEmail />
          </Panel>
          {!active ? (
            <Panel title="Confirm the account">
              <p className="mb-4 text-slate-700 dark:text-slate-300">
                Its password stops working, since whoever signed up with this address may not be its owner. The address gets a link to
                choose a new one.
              </p>
              <StaffActionForm action={confirmAccountAction} userId={user.id} proofs={proofs} submitLabel="Mark as confirmed" />
            </Panel>
          ) : null}
          <Panel title="Send a password reset">
            <p className="mb-4 text-slate-700 dark:text-slate-300">The user gets a link to choose a new password, valid for one hour.</p>
            <StaffActionForm action={sendPasswordResetAction} userId={user.id} proofs={proofs} submitLabel="Send password reset" />
          </Panel>
        </>
      )}
    </>
  );
}
