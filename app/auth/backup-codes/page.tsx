import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthHeading } from "@/components/auth-heading";
import { getCurrentSession, redirectPastTwoFactorDeadline } from "@/lib/auth/current-user";
import { codesOwner } from "@/lib/backup-codes/sheet";
import { config } from "@/lib/config";
import { RevealForm } from "./reveal-form";
import { linkTokenFromQuery } from "@/lib/tokens/link-token";

export const metadata: Metadata = { title: "Your new backup codes" };

/**
 * The link an administrator's regeneration mails to the user: signed in as that user only, and the
 * codes are shown on a POST, once, so that a mail scanner opening the link uses nothing up.
 */
export default async function DeliveredCodesPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const tokenText = linkTokenFromQuery(token);
  const current = await getCurrentSession();
  if (!current) redirect(`/auth/sign-in?next=${encodeURIComponent(`/auth/backup-codes?token=${encodeURIComponent(tokenText)}`)}`);
  await redirectPastTwoFactorDeadline();
  return (
    <>
      <AuthHeading
        title="Your new backup codes"
        lead="An administrator generated a new set for you. Your old codes no longer work. The new ones are shown once: save them, then continue."
      />
      <RevealForm token={tokenText} owner={codesOwner(config().appName, config().appUrl, current.user)} />
    </>
  );
}
