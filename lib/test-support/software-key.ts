// A software WebAuthn authenticator for the tests in lib (not a test file itself): a P-256 key pair
// that registers and signs the way a security key or a passkey does, with the flags a test chooses.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";

export type SoftwareKey = { privateKey: KeyObject; publicKey: string; cose: Buffer; credentialId: string };

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_BACKUP_ELIGIBLE = 0x08;
const FLAG_BACKED_UP = 0x10;
const FLAG_ATTESTED_DATA = 0x40;

/** A new key pair; `publicKey` is its COSE public key in base64url, as the browser reports it and the table stores it. */
export function softwareKey(): SoftwareKey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const coordinate = (value: string | undefined) => Buffer.from(value as string, "base64url");
  // CBOR map {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}
  const cose = Buffer.concat([
    Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]),
    coordinate(jwk.x),
    Buffer.from([0x22, 0x58, 0x20]),
    coordinate(jwk.y),
  ]);
  return { privateKey, publicKey: cose.toString("base64url"), cose, credentialId: randomBytes(16).toString("base64url") };
}

type Flags = { userVerified?: boolean; backedUp?: boolean };

function flagsByte(flags: Flags): number {
  return FLAG_USER_PRESENT | (flags.userVerified ? FLAG_USER_VERIFIED : 0) | (flags.backedUp ? FLAG_BACKUP_ELIGIBLE | FLAG_BACKED_UP : 0);
}

const rpIdHash = (rpId: string) => createHash("sha256").update(rpId).digest();

/**
 * The key's signature over a challenge, as a browser returns it. `rpId` and `origin` say which site
 * the authenticator and the browser believe they are on; `userHandle` is what a passkey reports.
 */
export function assertion(
  key: Pick<SoftwareKey, "privateKey" | "credentialId">,
  options: { challenge: string; counter: number; rpId: string; origin: string; userHandle?: string } & Flags,
): AuthenticationResponseJSON {
  const counterBytes = Buffer.alloc(4);
  counterBytes.writeUInt32BE(options.counter);
  const authenticatorData = Buffer.concat([rpIdHash(options.rpId), Buffer.from([flagsByte(options)]), counterBytes]);
  const clientDataJSON = Buffer.from(
    JSON.stringify({ type: "webauthn.get", challenge: options.challenge, origin: options.origin, crossOrigin: false }),
  );
  const signature = sign(
    "sha256",
    Buffer.concat([authenticatorData, createHash("sha256").update(clientDataJSON).digest()]),
    key.privateKey,
  );
  return {
    id: key.credentialId,
    rawId: key.credentialId,
    type: "public-key",
    clientExtensionResults: {},
    response: {
      authenticatorData: authenticatorData.toString("base64url"),
      clientDataJSON: clientDataJSON.toString("base64url"),
      signature: signature.toString("base64url"),
      ...(options.userHandle !== undefined ? { userHandle: Buffer.from(options.userHandle).toString("base64url") } : {}),
    },
  };
}

/** CBOR for a byte string or a short text string: enough for an attestation object. */
function cborBytes(major: 2 | 3, bytes: Buffer): Buffer {
  const type = major << 5;
  if (bytes.length < 24) return Buffer.concat([Buffer.from([type | bytes.length]), bytes]);
  if (bytes.length < 256) return Buffer.concat([Buffer.from([type | 24, bytes.length]), bytes]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([Buffer.from([type | 25]), length, bytes]);
}

/**
 * The key's answer to a registration ("none" attestation). `discoverable` is what the browser's
 * credProps extension reports (undefined: not reported).
 */
export function registration(
  key: SoftwareKey,
  options: { challenge: string; rpId: string; origin: string; discoverable?: boolean } & Flags,
): RegistrationResponseJSON {
  const credentialId = Buffer.from(key.credentialId, "base64url");
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(credentialId.length);
  const authData = Buffer.concat([
    rpIdHash(options.rpId),
    Buffer.from([flagsByte(options) | FLAG_ATTESTED_DATA]),
    Buffer.alloc(4),
    Buffer.alloc(16),
    idLength,
    credentialId,
    key.cose,
  ]);
  const text = (value: string) => cborBytes(3, Buffer.from(value));
  const attestationObject = Buffer.concat([
    Buffer.from([0xa3]),
    text("fmt"),
    text("none"),
    text("attStmt"),
    Buffer.from([0xa0]),
    text("authData"),
    cborBytes(2, authData),
  ]);
  const clientDataJSON = Buffer.from(
    JSON.stringify({ type: "webauthn.create", challenge: options.challenge, origin: options.origin, crossOrigin: false }),
  );
  return {
    id: key.credentialId,
    rawId: key.credentialId,
    type: "public-key",
    clientExtensionResults: options.discoverable === undefined ? {} : { credProps: { rk: options.discoverable } },
    response: {
      clientDataJSON: clientDataJSON.toString("base64url"),
      attestationObject: attestationObject.toString("base64url"),
      transports: ["internal"],
    },
  };
}
