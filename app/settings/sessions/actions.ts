"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";
import { revokeOtherSessions, revokeUserSession } from "@/lib/sessions/revoke";
import type { ActiveSession } from "@/lib/sessions/sessions";

const limits = (ip: string, { user }: ActiveSession) => [
  { key: `sessions:ip:${ip}`, limit: 60, windowSeconds: 900 },
  { key: `sessions:account:${user.id}`, limit: 60, windowSeconds: 900 },
];

export async function revokeSessionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await guardedAction({
    formData,
    guard: "session",
    schema: z.object({ sessionId: z.string({ error: "No session was chosen." }).min(1).max(64) }),
    returnedFields: [],
    limits,
    async run(input, { context: client, signedIn: { user, session: current } }) {
      if (input.sessionId === current.id) return { status: "error", message: "To end this session, use Sign out." };
      const revoked = await revokeUserSession(user.id, input.sessionId, client);
      return revoked ? { status: "success" } : { status: "error", message: "That session has already ended." };
    },
  });
  if (state.status === "success") redirect("/settings/sessions?notice=revoked");
  return state;
}

export async function revokeOtherSessionsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await guardedAction({
    formData,
    guard: "session",
    schema: z.object({}),
    returnedFields: [],
    limits,
    async run(_input, { context: client, signedIn: { user, session: current } }) {
      await revokeOtherSessions(user.id, current.id, client);
      return { status: "success" };
    },
  });
  if (state.status === "success") redirect("/settings/sessions?notice=revoked-others");
  return state;
}
