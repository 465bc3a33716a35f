import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/current-user";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await getCurrentSession()) redirect("/settings/account");
  return (
    <>
      <SignUpForm />
      <p className="mt-6 text-center text-sm text-slate-600 dark:text-slate-400">
        Already have an account?{" "}
        <Link href="/auth/sign-in" className="font-semibold text-brand-600 dark:text-brand-300 underline">
          Sign in
        </Link>
      </p>
    </>
  );
}
