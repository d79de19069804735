import { createJiti } from "jiti";

// Validate the environment while the config loads, so a bad env fails `next build` and `next dev`
// with the variable's name instead of a runtime error later.
const jiti = createJiti(import.meta.url);
/** @type {{ env: { NODE_ENV: "development" | "test" | "production"; TURNSTILE_SECRET_KEY?: string; NEXT_PUBLIC_TURNSTILE_SITE_KEY?: string } }} */
const { env } = await jiti.import("./src/env.ts");

// Content-Security-Policy without a nonce, so 'unsafe-inline' stays in script-src: the App Router
// streams each page's data in inline <script> tags whose text differs per request, so hashes
// cannot allow them, and the only stricter option is a per-request nonce set in a proxy
// (middleware). That would add a proxy invocation before every page view at a sale's peak and
// rule out ever caching or prerendering a sale page (a nonce needs a fresh render). What the
// nonce would buy is protection from injected inline script; the pages render only React-escaped
// text and load no third-party script. The policy still confines scripts, connections and forms to
// this origin, forbids plugins, <base> hijacking and framing. Revisit (a nonce in src/proxy.ts)
// if the pages ever render untrusted HTML or load third-party scripts.
// React's development build needs eval (error overlays, Fast Refresh); production never gets it.
// Cloudflare Turnstile, when it is the configured challenge (src/server/admission/config.ts), is
// the one third-party script: its loader and its iframe come from challenges.cloudflare.com, and
// only then is that origin allowed. The default challenge (ALTCHA) runs from this origin.
const TURNSTILE_ORIGIN = "https://challenges.cloudflare.com";

/** @param {{ mode: "development" | "test" | "production"; turnstile?: boolean }} options */
export function securityHeaders({ mode, turnstile = false }) {
  const development = mode === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}${turnstile ? ` ${TURNSTILE_ORIGIN}` : ""}`,
    ...(turnstile ? [`frame-src ${TURNSTILE_ORIGIN}`] : []),
    "style-src 'self' 'unsafe-inline'",
    // Sale images may live on any https host (src/lib/sale-form/schema.ts).
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    // The development server's hot reload talks over a WebSocket.
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    // Sign-in forms answer with a redirect to the OAuth provider, which browsers check against this.
    "form-action 'self' https://github.com https://accounts.google.com",
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    {
      key: "Permissions-Policy",
      value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    },
    // Browsers ignore it over plain http, so a local production build is unaffected.
    ...(mode === "production"
      ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
      : []),
  ];
}

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() answers shoppers on admin pages with a real 403 (src/app/admin/forbidden.tsx).
  experimental: { authInterrupts: true },
  // Server-only packages that must not be bundled (native bindings, binaries).
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg"],
  // The Redis Lua scripts are read from disk at runtime; ship them with every server function.
  outputFileTracingIncludes: { "/**/*": ["./src/server/inventory/*.lua"] },
  // On every page, route handler and asset (see securityHeaders above).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: securityHeaders({
          mode: env.NODE_ENV,
          turnstile: Boolean(env.TURNSTILE_SECRET_KEY && env.NEXT_PUBLIC_TURNSTILE_SITE_KEY),
        }),
      },
    ];
  },
};

export default nextConfig;
