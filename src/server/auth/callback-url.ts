// Where to send someone after signing in. Only this site is allowed, so a crafted
// `/signin?callbackUrl=https://evil.example` link cannot bounce a fresh session to another origin.
const FALLBACK = "/";
// Relative values are resolved against a placeholder to see whether they stay on one origin.
const PROBE_ORIGIN = "http://stampede.invalid";

export interface CallbackPathOptions {
  /** This request's own origin: Auth.js itself passes absolute same-origin URLs. */
  origin?: string;
  signInPath?: string;
}

function parse(raw: string, base: string): URL | null {
  try {
    return new URL(raw, base);
  } catch {
    return null;
  }
}

/**
 * Returns `value` as a same-origin path (with query and hash), or "/" when it is missing, points at
 * another origin (absolute, `//host`, `/\host`), carries control characters, or loops back to sign-in.
 */
export function safeCallbackPath(value: unknown, options: CallbackPathOptions = {}): string {
  const raw = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof raw !== "string" || raw === "") return FALLBACK;
  // Browsers strip tabs and newlines from URLs, which would smuggle a host past the checks below.
  if (/[\u0000-\u001f\u007f]/.test(raw)) return FALLBACK;

  let url: URL | null;
  if (raw.startsWith("/")) {
    if (raw.startsWith("//") || raw.startsWith("/\\")) return FALLBACK;
    url = parse(raw, PROBE_ORIGIN);
    if (url?.origin !== PROBE_ORIGIN) return FALLBACK;
  } else {
    url = options.origin ? parse(raw, options.origin) : null;
    if (!url || !/^https?:\/\//i.test(raw) || url.origin !== options.origin) return FALLBACK;
  }

  const signInPath = options.signInPath ?? "/signin";
  if (url.pathname === signInPath || url.pathname.startsWith(`${signInPath}/`)) return FALLBACK;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The origin this request was made to, as Auth.js sees it (Next fills in the forwarded headers). */
export function requestOrigin(headers: Pick<Headers, "get">): string | undefined {
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() ?? headers.get("host");
  if (!host) return undefined;
  const protocol = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return `${protocol}://${host}`;
}
