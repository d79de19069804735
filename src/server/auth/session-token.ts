// The session JWT's claims and the two ways the app meets it outside Auth.js: reading it from a
// request without a database round trip, and minting one for benchmarks and e2e tests.
import { encode } from "@auth/core/jwt";
import { z } from "zod";
import { readSessionCookie, sessionCookieName, sessionCookieNamesFor, type SessionCookieName } from "./session-cookie";
import { createSessionJwtDecoder } from "./session-jwt";
import { roleSchema, type AppSession, type Role } from "./session";

/** Auth.js's default session lifetime, which the config keeps. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** What the jwt callback writes besides Auth.js's own iat/exp/jti; `sub` is the user id. */
const sessionClaimsSchema = z.object({
  sub: z.string().min(1),
  email: z.string().min(1),
  name: z.string().nullish(),
  role: roleSchema,
  exp: z.number(),
  createdAt: z.number().optional(),
});

export function sessionFromClaims(claims: Record<string, unknown>): AppSession | null {
  const parsed = sessionClaimsSchema.safeParse(claims);
  if (!parsed.success) return null;
  const { sub, email, name, role, exp, createdAt } = parsed.data;
  return {
    // Tokens issued before the claim existed have none: the admission gate then looks the age up.
    user: { id: sub, email, name: name ?? null, role, ...(createdAt === undefined ? {} : { createdAt }) },
    expires: new Date(exp * 1000).toISOString(),
  };
}

export type SessionReader = (headers: Headers) => Promise<AppSession | null>;

/** Reads the session from a request's cookies with `secret` (AUTH_SECRET); null when absent or invalid. */
export function createSessionReader(secret: string | readonly string[]): SessionReader {
  const decode = createSessionJwtDecoder(secret);
  return async (headers) => {
    const cookieHeader = headers.get("cookie");
    if (!cookieHeader) return null;
    for (const name of sessionCookieNamesFor(headers)) {
      const token = readSessionCookie(cookieHeader, name);
      if (!token) continue;
      const claims = await decode(token, name);
      return claims && sessionFromClaims(claims);
    }
    return null;
  };
}

export interface MintedSessionToken {
  cookieName: SessionCookieName;
  value: string;
}

/**
 * A session cookie exactly as Auth.js would set it after sign-in, for a user that already exists.
 * Benchmarks and e2e tests use it to skip the sign-in round trip; `secureCookie` picks the
 * `__Secure-` name an https deployment expects.
 */
export async function mintSessionToken(
  user: { id: string; email: string; role: Role; name?: string | null; createdAt?: Date | number },
  secret: string,
  options: { secureCookie?: boolean; maxAgeSeconds?: number } = {},
): Promise<MintedSessionToken> {
  const cookieName = sessionCookieName(options.secureCookie ?? false);
  const value = await encode({
    token: {
      sub: user.id,
      email: user.email,
      name: user.name ?? null,
      role: user.role,
      ...(user.createdAt === undefined ? {} : { createdAt: new Date(user.createdAt).getTime() }),
    },
    secret,
    salt: cookieName,
    maxAge: options.maxAgeSeconds ?? SESSION_MAX_AGE_SECONDS,
  });
  return { cookieName, value };
}
