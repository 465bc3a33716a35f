// `npm run lighthouse` (after `npm run build`): Lighthouse with its mobile defaults on the sign-in page
// and, signed in, on the Two-factor settings page of the production build (a new SQLite file), then
// on its 404 page as the floor of what the framework alone costs, printing each page's scores, its
// main figures and the audits that did not pass. Chromium comes from CHROME_PATH (default
// /usr/bin/chromium). Figures are printed, never asserted.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { startAppServer } from "../e2e/support/app-server";
import { formsIn, multipart } from "../e2e/support/forms";

const dataDir = mkdtempSync(path.join(tmpdir(), "keyring-lighthouse-"));
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${path.join(dataDir, "lighthouse.db")}`;
process.env.BCRYPT_COST = "4";
const { migrate } = await import("@/lib/db/migrate");
const { db } = await import("@/lib/db/client");
const { createAccount } = await import("@/lib/accounts/create-account");

await migrate(process.env.DATABASE_URL);
const password = "granite-harbour-71";
await createAccount({ email: "lighthouse@example.com", username: "lighthouse", password, confirmed: true, role: "USER" });
await db().$disconnect();

const port = String(41000 + Math.floor(Math.random() * 9000));
const server = await startAppServer({
  APP_MODE: "embedded",
  DATA_DIR: dataDir,
  DATABASE_URL: process.env.DATABASE_URL,
  PORT: port,
  BCRYPT_COST: "4",
});
try {
  const cookie = await signIn(server.url);
  for (const [name, page, headers] of [
    ["Sign-in page", "/auth/sign-in", {}],
    ["Two-factor settings", "/settings/two-factor", { Cookie: cookie }],
    // The floor: the framework's own JavaScript and the root layout, with no form and no client component of a page.
    ["A page that does not exist (the same build's 404 page)", "/lighthouse-no-such-page", {}],
  ] as const) {
    console.log(`${name} (${page}), Lighthouse mobile defaults:`);
    // Lighthouse sometimes loses its trace on a busy machine (NO_NAVSTART): one more try.
    const report = await lighthouse(`${server.url}${page}`, headers).catch(() => lighthouse(`${server.url}${page}`, headers));
    console.log(summary(report));
  }
} finally {
  await server.stop();
}

/** Signs in as a browser without JavaScript would, then exchanges the grant: the session cookie. */
async function signIn(url: string): Promise<string> {
  const form = formsIn(await (await fetch(`${url}/auth/sign-in`)).text())[0];
  if (!form) throw new Error("No sign-in form");
  const { body, contentType } = multipart([
    ...form.actionFields,
    ...form.hidden,
    ["email", "lighthouse@example.com"],
    ["password", password],
  ]);
  const signedIn = await fetch(`${url}/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": contentType, origin: url },
    body: new Uint8Array(body),
    redirect: "manual",
  });
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const [key = "", ...value] = pair.split("=");
      cookies.set(key, value.join("="));
    }
  };
  const header = () => [...cookies].map(([key, value]) => `${key}=${value}`).join("; ");
  keep(signedIn);
  const csrf = await fetch(`${url}/api/auth/csrf`, { headers: { cookie: header() } });
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const exchanged = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(), origin: url },
    body: new URLSearchParams({ csrfToken, json: "true" }),
    redirect: "manual",
  });
  keep(exchanged);
  const session = [...cookies.keys()].find((name) => name.endsWith("session-token"));
  if (!session) throw new Error(`Sign-in did not give a session cookie (${exchanged.status})`);
  return header();
}

type Report = {
  categories: Record<string, { title: string; score: number | null }>;
  audits: Record<string, { title: string; score: number | null; scoreDisplayMode: string; displayValue?: string }>;
};

/** Lighthouse's report on `url`; a failure says what Lighthouse printed, never the command (it holds the session cookie). */
async function lighthouse(url: string, headers: Record<string, string>): Promise<Report> {
  const output = path.join(dataDir, `report-${Date.now()}.json`);
  await promisify(execFile)(
    path.resolve("node_modules/.bin/lighthouse"),
    [
      url,
      "--quiet",
      "--output=json",
      `--output-path=${output}`,
      "--only-categories=performance,accessibility,best-practices",
      "--ignore-status-code",
      `--extra-headers=${JSON.stringify(headers)}`,
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ],
    { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" }, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stderr?: string }) => {
    throw new Error(`Lighthouse failed on ${new URL(url).pathname}: ${error.stderr?.trim() ?? "no output"}`);
  });
  return JSON.parse(readFileSync(output, "utf8")) as Report;
}

function summary(report: Report): string {
  const scores = Object.values(report.categories).map((category) => `${category.title} ${Math.round((category.score ?? 0) * 100)}`);
  const figures = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"]
    .map((id) => report.audits[id])
    .filter((audit) => audit !== undefined)
    .map((audit) => `${audit.title} ${audit.displayValue ?? ""}`.trim());
  const failed = Object.values(report.audits)
    .filter((audit) => audit.score !== null && audit.score < 0.9 && ["binary", "numeric", "metricSavings"].includes(audit.scoreDisplayMode))
    .map((audit) => `${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
  return [`  scores: ${scores.join(", ")}`, `  ${figures.join("; ")}`, ...failed.map((title) => `  not passed: ${title}`)].join("\n");
}
