// No "server-only" marker: proxy.ts runs outside the React server layer and imports this.
import { randomBytes } from "node:crypto";

export type HeaderContext = {
  /** APP_MODE=production: the site is served over https only, so browsers may be told to insist on it. */
  production: boolean;
  /** `next dev`: React's development build evaluates strings for its stack traces. */
  development: boolean;
};

/** 128 random bits for one response's scripts. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The Content-Security-Policy of every page, so that injected markup cannot run. Scripts run only with this response's nonce; Next.js
 * puts it on its own scripts when the request carries this header (set by proxy.ts), and
 * 'strict-dynamic' lets those scripts load the app's chunks. Styles keep 'unsafe-inline': React writes
 * `style` attributes and Next.js its route announcer's, which a nonce cannot cover, and a style cannot
 * run code. The QR code on the two-factor setup page is a data: image.
 */
export function contentSecurityPolicy(nonce: string, context: HeaderContext): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${context.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(context.production ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Headers that depend on the running mode and so cannot be fixed at build time in next.config.js. */
export function pageSecurityHeaders(nonce: string, context: HeaderContext): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, context),
    // Two years, as the HSTS preload list asks; only where APP_URL must be https (lib/config).
    ...(context.production ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
