// Signs a request body the way QStash does (HS256 JWT over the body's SHA-256), so tests can
// deliver exact messages — and forged, expired or misdirected ones — straight to a callback.
import { createHash, createHmac, randomUUID } from "node:crypto";

const base64url = (input: Buffer | string) => Buffer.from(input).toString("base64url");

export interface SignOptions {
  key: string;
  url: string;
  body: string;
  issuer?: string;
  /** Seconds relative to now. */
  issuedAt?: number;
  expiresIn?: number;
}

export function signLikeQStash(options: SignOptions): string {
  const now = Math.floor(Date.now() / 1000) + (options.issuedAt ?? 0);
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(
    JSON.stringify({
      iss: options.issuer ?? "Upstash",
      sub: options.url,
      iat: now,
      nbf: now,
      exp: now + (options.expiresIn ?? 300),
      jti: `jwt_${randomUUID()}`,
      body: base64url(createHash("sha256").update(options.body).digest()),
    }),
  );
  const signature = createHmac("sha256", options.key).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}
