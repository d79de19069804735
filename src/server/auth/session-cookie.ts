// Which cookie holds the session and how to pull it out of a request's headers. Auth.js names the
// cookie by the request's protocol: `__Secure-` on https (browsers only accept that prefix from
// secure origins), plain on http (local `next start`). The name doubles as the key-derivation salt.
export const SESSION_COOKIE_NAMES = {
  plain: "authjs.session-token",
  secure: "__Secure-authjs.session-token",
} as const;

export type SessionCookieName = (typeof SESSION_COOKIE_NAMES)[keyof typeof SESSION_COOKIE_NAMES];

export function sessionCookieName(secure: boolean): SessionCookieName {
  return secure ? SESSION_COOKIE_NAMES.secure : SESSION_COOKIE_NAMES.plain;
}

/**
 * The cookie names to look at for this request, in order. When the protocol is known (Next sets
 * x-forwarded-proto on every request, Vercel says https) only the name Auth.js would have written
 * counts, so a plain cookie planted over http cannot stand in for the secure one. Without the
 * header (direct calls, tests) the secure cookie wins over the plain one.
 */
export function sessionCookieNamesFor(headers: Headers): readonly SessionCookieName[] {
  const protocol = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (protocol === "https") return [SESSION_COOKIE_NAMES.secure];
  if (protocol === "http") return [SESSION_COOKIE_NAMES.plain];
  return [SESSION_COOKIE_NAMES.secure, SESSION_COOKIE_NAMES.plain];
}

function decodeCookieValue(value: string): string {
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The session token stored under `name`, reassembling the `name.0`, `name.1`… chunks Auth.js
 * writes when a token outgrows one cookie. Returns undefined when there is none.
 */
export function readSessionCookie(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader?.includes(name)) return undefined;
  const chunks = new Map<number, string>();
  for (const pair of cookieHeader.split(";")) {
    const separator = pair.indexOf("=");
    if (separator < 0) continue;
    const key = pair.slice(0, separator).trim();
    if (key === name) return decodeCookieValue(pair.slice(separator + 1).trim());
    if (key.startsWith(`${name}.`)) {
      const index = Number(key.slice(name.length + 1));
      if (Number.isInteger(index) && index >= 0) chunks.set(index, decodeCookieValue(pair.slice(separator + 1).trim()));
    }
  }
  if (chunks.size === 0) return undefined;
  return [...chunks.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, value]) => value)
    .join("");
}
