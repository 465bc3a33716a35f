"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireSession } from "@/lib/auth/current-user";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";
import { revokeOtherSessions, revokeUserSession } from "@/lib/sessions/revoke";

const limits = (userId: string) => (ip: string) => [
  { key: `sessions:ip:${ip}`, limit: 60, windowSeconds: 900 },
  { key: `sessions:account:${userId}`, limit: 60, windowSeconds: 900 },
];

export async function revokeSessionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { user, session: current } = await requireSession();
  const state = await guardedAction({
    formData,
    schema: z.object({ sessionId: z.string({ error: "No session was chosen." }).min(1).max(64) }),
    keep: [],
    limits: limits(user.id),
    async run(input, client) {
      if (input.sessionId === current.id) return { status: "error", message: "To end this session, use Sign out." };
      const revoked = await revokeUserSession(user.id, input.sessionId, { actorId: user.id, ip: client.ip });
      return revoked ? { status: "success" } : { status: "error", message: "That session has already ended." };
    },
  });
  if (state.status === "success") redirect("/settings/sessions?notice=revoked");
  return state;
}

export async function revokeOtherSessionsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { user, session: current } = await requireSession();
  const state = await guardedAction({
    formData,
    schema: z.object({}),
    keep: [],
    limits: limits(user.id),
    async run(_input, client) {
      await revokeOtherSessions(user.id, current.id, { actorId: user.id, ip: client.ip });
      return { status: "success" };
    },
  });
  if (state.status === "success") redirect("/settings/sessions?notice=revoked-others");
  return state;
}
