"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { initialFormState } from "@/lib/forms/form-state";
import { signInAction } from "./actions";

export function SignInForm({ next, notice }: { next: string; notice?: string }) {
  const [state, formAction] = useActionState(signInAction, initialFormState);
  const [exchangeFailed, setExchangeFailed] = useState(false);
  const router = useRouter();

  // The action has checked everything and left a one-minute grant cookie: next-auth turns it into the session.
  useEffect(() => {
    if (state.status !== "success") return;
    setExchangeFailed(false);
    signIn("credentials", { redirect: false }).then((result) => {
      if (result?.ok) router.replace(next);
      else setExchangeFailed(true);
    });
  }, [state, next, router]);

  const message = exchangeFailed ? "Sign-in could not be completed. Please try again." : state.message;
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate className="space-y-5">
      {notice && state.status === "idle" ? <FormMessage tone="success" message={notice} /> : <FormMessage message={message} />}
      {errors.confirmation ? (
        <p className="text-sm text-slate-700">
          No link?{" "}
          <Link href="/auth/confirmation/new" className="font-semibold text-brand-600 underline">
            Send it again
          </Link>
          .
        </p>
      ) : null}
      <TextField
        label="Email address"
        name="email"
        type="email"
        autoComplete="username"
        required
        defaultValue={state.values?.email}
        error={errors.email}
        key={`email-${state.values?.email}`}
      />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
      <SubmitButton pendingLabel="Signing in…">{state.status === "success" && !exchangeFailed ? "Signing in…" : "Sign in"}</SubmitButton>
    </form>
  );
}
