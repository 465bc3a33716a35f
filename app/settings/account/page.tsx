import type { Metadata } from "next";
import { Facts, PageTitle, Panel } from "@/components/panel";
import { requireSession } from "@/lib/auth/current-user";
import { formatDateTime } from "@/lib/format";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Account" };

const ROLE_NAMES = { USER: "User", ADMIN: "Admin", OWNER: "Owner" } as const;

export default async function AccountPage() {
  const { user } = await requireSession();
  return (
    <>
      <PageTitle title="Account" lead="Your sign-in details." />
      <Panel title="Profile">
        <Facts
          rows={[
            ["Username", `@${user.username}`],
            ["Email address", user.email],
            ["Email confirmed", user.emailConfirmedAt ? formatDateTime(user.emailConfirmedAt) : "Not yet"],
            ["Role", ROLE_NAMES[user.role]],
            ["Member since", formatDateTime(user.createdAt)],
          ]}
        />
      </Panel>
      <Panel title="Change password">
        <ChangePasswordForm email={user.email} />
      </Panel>
    </>
  );
}
