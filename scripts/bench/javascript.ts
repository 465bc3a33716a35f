import { gzipSync } from "node:zlib";

export type PageJavaScript = { files: number; inline: number; polyfillFiles: number; gzip: number; raw: number; polyfillGzip: number };

/**
 * The JavaScript a modern browser downloads for a page: every script file the HTML loads or preloads,
 * and its inline scripts, gzipped one by one. Scripts marked `nomodule` (Next.js's polyfills, which
 * only browsers without ES modules run) are counted apart.
 */
export async function pageJavaScript(url: string, headers: Record<string, string> = {}): Promise<PageJavaScript> {
  const html = await (await fetch(url, { headers })).text();
  const tags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  const modern = new Set<string>();
  const polyfills = new Set<string>();
  const inline: Buffer[] = [];
  for (const [, attributes = "", body = ""] of tags) {
    const src = attributes.match(/\bsrc="([^"]+)"/)?.[1];
    if (!src) {
      if (!/\btype="application\/(ld\+)?json"/.test(attributes)) inline.push(Buffer.from(body));
      continue;
    }
    (/\bnomodule\b/i.test(attributes) ? polyfills : modern).add(src);
  }
  for (const [link] of html.matchAll(/<link\b[^>]*>/g)) {
    const href = link.match(/\bhref="([^"]+)"/)?.[1];
    if (href && (/\bas="script"/.test(link) || /\brel="modulepreload"/.test(link))) modern.add(href);
  }
  for (const src of polyfills) modern.delete(src);
  const download = async (src: string) => Buffer.from(await (await fetch(new URL(src.replace(/&amp;/g, "&"), url))).arrayBuffer());
  const files = await Promise.all([...modern].map(download));
  const polyfillBodies = await Promise.all([...polyfills].map(download));
  const sum = (bodies: Buffer[], size: (body: Buffer) => number) => bodies.reduce((total, body) => total + size(body), 0);
  const gzipped = (body: Buffer) => gzipSync(body).length;
  return {
    files: files.length,
    inline: inline.length,
    polyfillFiles: polyfillBodies.length,
    raw: sum([...files, ...inline], (body) => body.length),
    gzip: sum([...files, ...inline], gzipped),
    polyfillGzip: sum(polyfillBodies, gzipped),
  };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
