/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // forbidden() from next/navigation: admin pages and actions answer 403 to signed-in non-staff.
  experimental: { authInterrupts: true },
  // Headers for every response, static files included. The Content-Security-Policy (a nonce per page)
  // and HSTS (production mode only) depend on the request and the mode: proxy.ts sets them.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          // Security keys (WebAuthn) may be used by this origin only; nothing else is needed.
          {
            key: "Permissions-Policy",
            value:
              "camera=(), microphone=(), geolocation=(), payment=(), usb=(), publickey-credentials-get=(self), publickey-credentials-create=(self)",
          },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
      // Confirmation, password reset and backup-code links carry their token in the URL.
      { source: "/auth/:path*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
    ];
  },
};

export default nextConfig;
