// Decrypts the session JWTs Auth.js issues, with jose as Auth.js itself does: "dir" key management,
// A256CBC-HS512 content encryption, and a 64-byte key that HKDF derives from AUTH_SECRET and the
// cookie name.
//
// Why not @auth/core/jwt `decode`: it re-derives the key and its thumbprint on every call, on the
// path every purchase takes. Here both are derived once per (secret, cookie name). The tests check
// this decoder against Auth.js's own `encode` and `decode`, so a format change there fails loudly.
// jose still imports WebCrypto keys on every call (it takes A256CBC-HS512 keys only as bytes), so
// a decode costs a few hundred µs however well the key is cached.
import { hkdfSync } from "node:crypto";
import { base64url, calculateJwkThumbprint, jwtDecrypt } from "jose";

/** The only content encryption Auth.js v5 writes; anything else is rejected, not guessed at. */
const CONTENT_ENCRYPTION = "A256CBC-HS512";
/** Same leeway Auth.js gives `exp`/`nbf`, so both sides agree on when a session ends. */
export const CLOCK_TOLERANCE_SECONDS = 15;

interface DerivedKey {
  key: Uint8Array;
  /** RFC 7638 thumbprint Auth.js puts in the `kid` header to say which secret encrypted the token. */
  kid: string;
}

async function deriveKey(secret: string, salt: string): Promise<DerivedKey> {
  const info = `Auth.js Generated Encryption Key (${salt})`;
  const key = new Uint8Array(hkdfSync("sha256", secret, salt, info, 64));
  const kid = await calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, "sha512");
  return { key, kid };
}

/** Like Auth.js: the secret the `kid` names, or the current one when the token names none. */
function keyFor(keys: readonly DerivedKey[], kid: string | undefined): Uint8Array {
  const match = kid === undefined ? keys[0] : keys.find((candidate) => candidate.kid === kid);
  if (!match) throw new Error("no session secret matches the token's kid");
  return match.key;
}

export type SessionJwtDecoder = (token: string, salt: string) => Promise<Record<string, unknown> | null>;

/**
 * Returns a decoder for tokens encrypted with any of `secrets` (first = current, like Auth.js).
 * The decoder resolves to the claims, or null for anything malformed, tampered with, encrypted with
 * another secret or cookie name, expired or not yet valid. It never rejects.
 */
export function createSessionJwtDecoder(secrets: string | readonly string[]): SessionJwtDecoder {
  const secretList = typeof secrets === "string" ? [secrets] : [...secrets];
  if (secretList.length === 0 || secretList.some((secret) => !secret)) throw new Error("A session secret is required");
  const keysBySalt = new Map<string, Promise<DerivedKey[]>>();
  const keysFor = (salt: string) => {
    let keys = keysBySalt.get(salt);
    if (!keys) {
      keys = Promise.all(secretList.map((secret) => deriveKey(secret, salt)));
      keysBySalt.set(salt, keys);
    }
    return keys;
  };

  return async function decodeSessionJwt(token, salt) {
    try {
      const keys = await keysFor(salt);
      const { payload } = await jwtDecrypt(token, ({ kid }) => keyFor(keys, kid), {
        keyManagementAlgorithms: ["dir"],
        contentEncryptionAlgorithms: [CONTENT_ENCRYPTION],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        // Auth.js always sets exp; a token without one would never expire.
        requiredClaims: ["exp"],
        // Auth.js never compresses, so a "zip" header is refused rather than inflated.
        maxDecompressedLength: 0,
      });
      return payload;
    } catch {
      return null;
    }
  };
}
