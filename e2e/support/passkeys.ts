import { expect, type BrowserContext, type CDPSession, type Page } from "@playwright/test";
import { createPrivateKey, sign } from "node:crypto";
import { confirmPasswordIfAsked } from "./security-keys";

export type VirtualPasskeys = { cdp: CDPSession; authenticatorId: string };

/**
 * The device's own passkey store (a phone's or a laptop's, unlocked with a fingerprint or PIN):
 * Chromium's virtual authenticator with resident keys and user verification. With `userVerified`
 * false it holds passkeys but cannot check who is there.
 */
export async function addPasskeyAuthenticator(page: Page, options: { userVerified?: boolean } = {}): Promise<VirtualPasskeys> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: options.userVerified ?? true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

export async function passkeysOn(authenticator: VirtualPasskeys) {
  const { credentials } = await authenticator.cdp.send("WebAuthn.getCredentials", { authenticatorId: authenticator.authenticatorId });
  return credentials;
}

/**
 * Moves the passkeys to another internal authenticator (the same passkeys, on a device that may not
 * check who is there); Chromium holds one internal authenticator at a time.
 */
export async function movePasskeys(from: VirtualPasskeys, page: Page, options: { userVerified: boolean }): Promise<VirtualPasskeys> {
  const credentials = await passkeysOn(from);
  await from.cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: from.authenticatorId });
  const to = await addPasskeyAuthenticator(page, options);
  for (const credential of credentials) {
    await to.cdp.send("WebAuthn.addCredential", { authenticatorId: to.authenticatorId, credential });
  }
  return to;
}

/**
 * A virtual authenticator answers a conditional (autofill) request at once, as if the user had picked
 * the passkey: this holds such requests until `pickPasskeyInAutofill`, so that a test chooses when the
 * user picks one, and the button can be tested alone. `ignoreUserVerification` plays a client that
 * drops the page's demand for user verification, to show the server refuses the answer.
 */
export async function holdAutofill(context: BrowserContext, options: { ignoreUserVerification?: boolean } = {}): Promise<void> {
  await context.addInitScript((ignoreUserVerification: boolean) => {
    const original = navigator.credentials.get.bind(navigator.credentials);
    let pick: () => void = () => undefined;
    const picked = new Promise<void>((resolve) => (pick = resolve));
    const held = window as unknown as { pickPasskey: () => void; autofillRequests: number };
    held.pickPasskey = () => pick();
    held.autofillRequests = 0;
    navigator.credentials.get = (request?: CredentialRequestOptions) => {
      if (ignoreUserVerification && request?.publicKey) request.publicKey.userVerification = "discouraged";
      if (request?.mediation !== "conditional") return original(request);
      held.autofillRequests++;
      return new Promise((resolve, reject) => {
        request.signal?.addEventListener("abort", () => reject(new DOMException("The request was cancelled.", "AbortError")));
        void picked.then(() => original(request).then(resolve, reject));
      });
    };
  }, options.ignoreUserVerification ?? false);
}

/** The user picks their passkey in the email field's autofill. */
export async function pickPasskeyInAutofill(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => (window as unknown as { autofillRequests: number }).autofillRequests)).toBeGreaterThan(0);
  await page.evaluate(() => (window as unknown as { pickPasskey: () => void }).pickPasskey());
}

/** Adds a passkey from Preferences (confirming the password when asked). */
export async function addPasskey(page: Page, account: { password: string }, name: string): Promise<void> {
  await page.goto("/settings/two-factor");
  await confirmPasswordIfAsked(page, account.password);
  const panel = page.locator("section", { has: page.getByRole("heading", { name: "Passkeys" }) });
  await panel.getByLabel("Name of the passkey").fill(name);
  await panel.getByRole("button", { name: "Add passkey" }).click();
  await expect(panel.getByText(`“${name}” was added.`)).toBeVisible();
}

/**
 * A client that signs with the passkey's own private key (taken from the virtual authenticator) but
 * says, in the signed authenticator data, that the passkey is for `rpId`: a passkey of another site.
 * Installed for the context's next pages; modal requests only.
 */
export async function signAsAnotherSite(context: BrowserContext, authenticator: VirtualPasskeys, rpId: string): Promise<void> {
  const [credential] = await passkeysOn(authenticator);
  if (!credential) throw new Error("no passkey on the authenticator");
  const privateKey = createPrivateKey({ key: Buffer.from(credential.privateKey, "base64"), format: "der", type: "pkcs8" });
  // As the authenticator signs: Ed25519 over the data, or ECDSA with SHA-256 (DER-encoded), by the key's type.
  const digest = privateKey.asymmetricKeyType === "ed25519" ? null : "sha256";
  await context.exposeFunction("signWithPasskey", (data: string) =>
    sign(digest, Buffer.from(data, "base64"), privateKey).toString("base64"),
  );
  await context.addInitScript(
    ({ credentialId, userHandle, rpId }) => {
      const bytes = (base64: string) => Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const base64 = (data: Uint8Array) => btoa(String.fromCharCode(...data));
      const base64url = (data: Uint8Array) => base64(data).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
      const concat = (...parts: Uint8Array[]) => {
        const joined = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
        parts.reduce((offset, part) => (joined.set(part, offset), offset + part.length), 0);
        return joined;
      };
      const signWithPasskey = (window as unknown as { signWithPasskey: (data: string) => Promise<string> }).signWithPasskey;
      const original = navigator.credentials.get.bind(navigator.credentials);
      navigator.credentials.get = async (request?: CredentialRequestOptions) => {
        if (request?.mediation === "conditional" || !request?.publicKey) return original(request);
        const rpIdHash = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(rpId)));
        // User present and verified; a counter above the authenticator's.
        const authenticatorData = concat(rpIdHash, new Uint8Array([0x05, 0, 0, 0x10, 0]));
        const challenge = new Uint8Array(request.publicKey.challenge as ArrayBuffer);
        const clientDataJSON = new TextEncoder().encode(
          JSON.stringify({ type: "webauthn.get", challenge: base64url(challenge), origin: location.origin, crossOrigin: false }),
        );
        const signed = concat(authenticatorData, new Uint8Array(await crypto.subtle.digest("SHA-256", clientDataJSON)));
        const signature = bytes(await signWithPasskey(base64(signed)));
        const rawId = bytes(credentialId);
        return {
          id: base64url(rawId),
          rawId: rawId.buffer,
          type: "public-key",
          authenticatorAttachment: "platform",
          response: {
            authenticatorData: authenticatorData.buffer,
            clientDataJSON: clientDataJSON.buffer,
            signature: signature.buffer,
            userHandle: bytes(userHandle).buffer,
          },
          getClientExtensionResults: () => ({}),
        } as unknown as Credential;
      };
    },
    { credentialId: credential.credentialId, userHandle: credential.userHandle ?? "", rpId },
  );
}
