// Signs each delivery the way QStash does, so the official Receiver accepts it: an HS256 JWT whose
// secret is the UTF-8 bytes of the signing key and whose `body` claim is the SHA-256 of the raw body.
import { createHash, createHmac } from "node:crypto";
import { newJwtId } from "./ids";

const TOKEN_LIFETIME_SECONDS = 5 * 60;

const base64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/**
 * The body hash keeps its `=` padding, as the hosted service sends it; Receiver strips padding on
 * both sides before comparing, so padded and unpadded hashes both verify.
 */
export function bodyHash(body: Buffer): string {
  return createHash("sha256").update(body).digest("base64").replace(/\+/g, "-").replace(/\//g, "_");
}

export interface SignatureInput {
  signingKey: string;
  /** The destination URL; Receiver compares it with `sub` when the caller passes `url`. */
  url: string;
  body: Buffer;
  /** Unix seconds; injectable so tests can mint expired tokens. */
  now?: number;
}

export function signDelivery({ signingKey, url, body, now = Math.floor(Date.now() / 1000) }: SignatureInput): string {
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const claims = base64url(
    JSON.stringify({
      iss: "Upstash",
      sub: url,
      exp: now + TOKEN_LIFETIME_SECONDS,
      nbf: now,
      iat: now,
      jti: newJwtId(),
      body: bodyHash(body),
    }),
  );
  const signature = createHmac("sha256", Buffer.from(signingKey, "utf8")).update(`${header}.${claims}`).digest();
  return `${header}.${claims}.${base64url(signature)}`;
}
