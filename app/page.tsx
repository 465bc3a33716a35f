import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/current-user";

export default async function Home() {
  redirect((await getCurrentSession()) ? "/settings/account" : "/auth/sign-in");
}
