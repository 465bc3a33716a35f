import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { themeFor } from "@/lib/appearance/color-scheme";
import { getCurrentSession } from "@/lib/auth/current-user";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Keyring", template: "%s · Keyring" },
  description: "Account security: sign-in, two-factor authentication and recovery.",
  // The icons are app/icon.svg, app/apple-icon.png and app/favicon.ico (Next.js's file conventions).
  manifest: "/manifest.webmanifest",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#563acc" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: its scripts carry that response's CSP nonce (proxy.ts), which a
  // page built ahead of time could not.
  await connection();
  // The theme is in the first byte of HTML, so no page flashes light before going dark. A fault looking
  // up the session leaves the theme to the browser; the page itself then reports it.
  const current = await getCurrentSession().catch(() => null);
  return (
    <html lang="en" data-theme={themeFor(current?.user ?? null)}>
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
