import { expect, test } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../lib/test-support/cluster";
import { expectAccessible } from "./support/accessibility";
import { createAccount } from "./support/accounts";
import { startAppServer, type AppServer } from "./support/app-server";

/**
 * The local mailbox shows every user's reset links, confirmation links and emailed sign-in codes
 *: the embedded mode listens on loopback only unless HOST says otherwise, and even then the
 * mailbox answers only clients whose socket is on this machine, whatever headers they send (this app
 * runs with TRUST_PROXY=true here, as in the other browser tests).
 */

/** This machine's address on a real network interface: how another machine would reach it. */
function nonLoopbackAddress(): string {
  const addresses = Object.values(networkInterfaces()).flatMap((entries) => entries ?? []);
  const found = addresses.find((entry) => entry.family === "IPv4" && !entry.internal);
  if (!found) {
    throw new Error(
      `This test needs a non-loopback IPv4 interface, to reach the app as another machine would; found only ${addresses.map((entry) => entry.address).join(", ")}`,
    );
  }
  return found.address;
}

type Answer = { status: number; body: string; location?: string };

/** GET over a connection from `from` to `to` (the server sees `from` as the socket's address), following redirects. */
async function get(from: string, to: string, port: number, pathname: string, headers: Record<string, string> = {}): Promise<Answer> {
  let answer = await getOnce(from, to, port, pathname, headers);
  for (let hops = 0; answer.location && hops < 3; hops++) {
    const target = new URL(answer.location, "http://localhost");
    answer = await getOnce(from, to, port, target.pathname + target.search, headers);
  }
  return answer;
}

function getOnce(from: string, to: string, port: number, pathname: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: to, localAddress: from, port, path: pathname, headers: { host: `localhost:${port}`, ...headers } },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body, location: response.headers.location }));
      },
    );
    request.on("error", reject);
    request.end();
  });
}

/** Headers that would make a remote client look local to an app that believed them. */
const FORGED = {
  "x-forwarded-for": "127.0.0.1",
  "x-real-ip": "127.0.0.1",
  forwarded: "for=127.0.0.1",
  "x-keyring-socket-address": "127.0.0.1",
  "x-middleware-override-headers": "x-keyring-socket-address",
  "x-middleware-request-x-keyring-socket-address": "127.0.0.1",
};

async function startEmbedded(
  extra: Record<string, string>,
): Promise<{ server: AppServer; env: Record<string, string>; port: number; root: string }> {
  const root = mkdtempSync(path.join(tmpdir(), "keyring-mailbox-"));
  const port = await freePort();
  // No SMTP_URL: mail goes to the local mailbox. Nothing inherited from the shared app's settings.
  const env = {
    APP_MODE: "embedded",
    DATA_DIR: path.join(root, "data"),
    PORT: String(port),
    BCRYPT_COST: "4",
    TRUST_PROXY: "true",
    SMTP_URL: "",
    ...extra,
  };
  return { server: await startAppServer(env), env, port, root };
}

test("with HOST=0.0.0.0 and no SMTP server, the mailbox answers this machine only, and the start warns", async () => {
  const remote = nonLoopbackAddress();
  const { server, env, port, root } = await startEmbedded({ HOST: "0.0.0.0" });
  try {
    const account = createAccount({ confirmed: false }, env);
    const local = await get("127.0.0.1", "127.0.0.1", port, "/mailbox");
    expect(local.status).toBe(200);
    expect(local.body).toContain(account.email);
    expect(local.body).toMatch(/\/auth\/confirmation\?token=/);

    // The app is reachable from the network (HOST opened it), but the mailbox is not.
    expect((await get(remote, remote, port, "/api/health")).status).toBe(200);
    for (const headers of [{}, FORGED]) {
      const answer = await get(remote, remote, port, "/mailbox", headers);
      expect(answer.status, JSON.stringify(headers)).toBe(404);
      expect(answer.body).not.toContain(account.email);
      expect(answer.body).not.toMatch(/confirmation\?token=|Mail sent by this app/);
    }
    // The page's data as the client-side router asks for it: Next.js answers 200 with a "not found" payload.
    for (const headers of [{ rsc: "1" }, { ...FORGED, rsc: "1" }]) {
      const answer = await get(remote, remote, port, "/mailbox", headers);
      expect(answer.body).toContain("NEXT_HTTP_ERROR_FALLBACK;404");
      expect(answer.body).not.toContain(account.email);
      expect(answer.body).not.toMatch(/confirmation\?token=|Mail sent by this app/);
    }
    expect(server.output()).toMatch(/warning.*mailbox.*other machines/i);
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

test("by default the embedded mode refuses connections from the network, and localhost still works in a browser", async ({ page }) => {
  const remote = nonLoopbackAddress();
  const { server, env, port, root } = await startEmbedded({});
  try {
    const account = createAccount({ confirmed: false }, env);
    expect(server.output()).not.toMatch(/warning/i);
    await expect(get(remote, remote, port, "/mailbox")).rejects.toMatchObject({ code: "ECONNREFUSED" });

    await page.goto(`http://localhost:${port}/mailbox`);
    await expect(page.getByRole("heading", { name: "Local mailbox" })).toBeVisible();
    await expect(page.getByText(`To ${account.email}`)).toBeVisible();
    await expectAccessible(page, "local mailbox");
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
