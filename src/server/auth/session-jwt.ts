// Verifies and decrypts the session JWTs Auth.js issues: JWE compact serialisation, "dir" key
// management, A256CBC-HS512 content encryption (RFC 7516, RFC 7518 §5.2), with a 64-byte key that
// HKDF derives from AUTH_SECRET and the cookie name.
//
// Why not @auth/core/jwt `decode`: it re-derives the key and its thumbprint on every call and runs
// through WebCrypto, ~300 µs per request. Here keys are derived once per (secret, cookie name) and
// the work is synchronous node:crypto, ~15 µs, on the path every purchase takes. The tests check
// this decoder against Auth.js's own `encode` and `decode`, so a format change there fails loudly.
import { createDecipheriv, createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/** The only content encryption Auth.js v5 writes; anything else is rejected, not guessed at. */
const CONTENT_ENCRYPTION = "A256CBC-HS512";
/** Same leeway Auth.js gives `exp`/`nbf`, so both sides agree on when a session ends. */
export const CLOCK_TOLERANCE_SECONDS = 15;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const IV_BYTES = 16;
const TAG_BYTES = 32;

interface DerivedKey {
  macKey: Buffer;
  encKey: Buffer;
  /** RFC 7638 thumbprint Auth.js puts in the `kid` header to say which secret encrypted the token. */
  kid: string;
}

function deriveKey(secret: string, salt: string): DerivedKey {
  const info = `Auth.js Generated Encryption Key (${salt})`;
  const key = Buffer.from(hkdfSync("sha256", secret, salt, info, 64));
  const jwk = `{"k":"${key.toString("base64url")}","kty":"oct"}`;
  const kid = createHash("sha512").update(jwk).digest("base64url");
  return { macKey: key.subarray(0, 32), encKey: key.subarray(32), kid };
}

function parseJsonObject(bytes: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(bytes.toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function authenticationTag(key: DerivedKey, aad: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  const aadBits = Buffer.alloc(8);
  aadBits.writeBigUInt64BE(BigInt(aad.length) * 8n);
  const mac = createHmac("sha512", key.macKey).update(aad).update(iv).update(ciphertext).update(aadBits).digest();
  return mac.subarray(0, TAG_BYTES);
}

function decrypt(key: DerivedKey, iv: Buffer, ciphertext: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv("aes-256-cbc", key.encKey, iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

export type SessionJwtDecoder = (token: string, salt: string, nowSeconds?: number) => Record<string, unknown> | null;

/**
 * Returns a decoder for tokens encrypted with any of `secrets` (first = current, like Auth.js).
 * The decoder returns the claims, or null for anything malformed, tampered with, encrypted with
 * another secret or cookie name, expired or not yet valid. It never throws.
 */
export function createSessionJwtDecoder(secrets: string | readonly string[]): SessionJwtDecoder {
  const secretList = typeof secrets === "string" ? [secrets] : [...secrets];
  if (secretList.length === 0 || secretList.some((secret) => !secret)) throw new Error("A session secret is required");
  const keysBySalt = new Map<string, DerivedKey[]>();
  const keysFor = (salt: string) => {
    let keys = keysBySalt.get(salt);
    if (!keys) {
      keys = secretList.map((secret) => deriveKey(secret, salt));
      keysBySalt.set(salt, keys);
    }
    return keys;
  };

  return function decodeSessionJwt(token, salt, nowSeconds = Math.floor(Date.now() / 1000)) {
    const parts = token.split(".");
    if (parts.length !== 5 || !parts.every((part) => BASE64URL.test(part))) return null;
    const [encodedHeader = "", encryptedKey, encodedIv = "", encodedCiphertext = "", encodedTag = ""] = parts;
    // "dir" means the key is shared, so the encrypted-key segment is empty.
    if (encryptedKey !== "") return null;

    const header = parseJsonObject(Buffer.from(encodedHeader, "base64url"));
    if (!header || header.alg !== "dir" || header.enc !== CONTENT_ENCRYPTION) return null;
    if ("zip" in header || "crit" in header) return null;
    if (header.kid !== undefined && typeof header.kid !== "string") return null;

    const iv = Buffer.from(encodedIv, "base64url");
    const ciphertext = Buffer.from(encodedCiphertext, "base64url");
    const tag = Buffer.from(encodedTag, "base64url");
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES || ciphertext.length === 0) return null;

    const aad = Buffer.from(encodedHeader, "ascii");
    const candidates = keysFor(salt).filter((key) => header.kid === undefined || key.kid === header.kid);
    const key = candidates.find((candidate) => timingSafeEqual(authenticationTag(candidate, aad, iv, ciphertext), tag));
    if (!key) return null;

    const plaintext = decrypt(key, iv, ciphertext);
    const claims = plaintext && parseJsonObject(plaintext);
    if (!claims) return null;
    if (typeof claims.exp !== "number" || claims.exp <= nowSeconds - CLOCK_TOLERANCE_SECONDS) return null;
    if (
      claims.nbf !== undefined &&
      (typeof claims.nbf !== "number" || claims.nbf > nowSeconds + CLOCK_TOLERANCE_SECONDS)
    ) {
      return null;
    }
    return claims;
  };
}
