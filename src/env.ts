// All configuration, validated once. A missing or malformed variable fails fast with its name.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

const commaList = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  );

const flag = z
  .enum(["true", "false", "1", "0", ""])
  .default("")
  .transform((value) => value === "true" || value === "1");

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }),
    UPSTASH_REDIS_REST_URL: z.url({ protocol: /^https?$/ }),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1),
    QSTASH_URL: z.url({ protocol: /^https?$/ }).default("https://qstash.upstash.io"),
    QSTASH_TOKEN: z.string().min(1),
    QSTASH_CURRENT_SIGNING_KEY: z.string().startsWith("sig_"),
    QSTASH_NEXT_SIGNING_KEY: z.string().startsWith("sig_"),
    // Public origin QStash calls back (and signatures are bound to). Derived on Vercel when unset.
    APP_URL: z.url({ protocol: /^https?$/ }).optional(),
    // Prefix for every Redis key and deduplication id, so deployments sharing one database never collide.
    STAMPEDE_NAMESPACE: z
      .string()
      .regex(/^[a-z0-9][a-z0-9:_-]{0,62}$/, "lower-case letters, digits, ':', '_' or '-'")
      .optional(),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)"),
    AUTH_GITHUB_ID: z.string().optional(),
    AUTH_GITHUB_SECRET: z.string().optional(),
    AUTH_GOOGLE_ID: z.string().optional(),
    AUTH_GOOGLE_SECRET: z.string().optional(),
    EMAIL_SERVER: z.string().optional(),
    EMAIL_FROM: z.string().optional(),
    // Where shoppers write to the store (shown on /contact). Unset: the page says none is published.
    CONTACT_EMAIL: z.email("must be an email address").optional(),
    // The passwordless development sign-in: always on in development and test, opt-in for previews.
    AUTH_DEV_LOGIN: flag,
    ADMIN_EMAILS: commaList,
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    // Lets the benchmark pick the Postgres-only baseline strategy and the no-op procedure. Honoured
    // only on local builds (see src/server/bench-switch.ts); never on a Vercel production deployment.
    BENCH_STRATEGY_SWITCH: flag,
    // Where the caller's address (the second rate-limit key) comes from off Vercel; see
    // src/server/client-address.ts. Unset and off: no address, never one the client wrote.
    // The number of reverse proxies in front of the app that append to X-Forwarded-For.
    TRUSTED_PROXY_HOPS: z
      .string()
      .regex(/^[1-9][0-9]?$/, "a whole number of proxies from 1 to 99 (unset when there is none)")
      .transform(Number)
      .optional(),
    // Set by `npm start` (scripts/start.ts), which writes the socket's address into a header on
    // every request. Setting it yourself is your decision to trust that header from whatever
    // sits in front of the app.
    STAMPEDE_PEER_HEADER: flag,
    // Who takes the money for holds: the built-in test provider (local work, tests, previews) or
    // Stripe. See src/server/payments and docs/deploying.md.
    PAYMENT_PROVIDER: z.enum(["test", "stripe"]).default("test"),
    STRIPE_SECRET_KEY: z.string().startsWith("sk_", "must be a Stripe secret key (sk_…)").optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_", "must be a Stripe webhook secret (whsec_…)").optional(),
    // Signs the built-in test provider's webhooks; derived from AUTH_SECRET when unset.
    TEST_PAYMENTS_WEBHOOK_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    // The challenge a fair sale asks for (docs/fair-opening.md). ALTCHA proof of work by default,
    // signed with this key, derived from AUTH_SECRET when unset; server-only, never logged.
    ALTCHA_HMAC_KEY: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
    // Cloudflare Turnstile instead of ALTCHA when this and NEXT_PUBLIC_TURNSTILE_SITE_KEY are set.
    TURNSTILE_SECRET_KEY: z.string().min(1).optional(),
    // Bearer token for GET /api/metrics (Prometheus text); unset, the endpoint answers 404.
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (openssl rand -hex 24)").optional(),
    // Traces are exported (OTLP, through @vercel/otel) only when this is set or on Vercel.
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    // "1" on Vercel (build and runtime).
    VERCEL: z.string().optional(),
    // Set by Vercel on every deployment; read to derive the public URL and the namespace.
    VERCEL_ENV: z.enum(["production", "preview", "development"]).optional(),
    VERCEL_URL: z.string().optional(),
    VERCEL_BRANCH_URL: z.string().optional(),
    VERCEL_PROJECT_PRODUCTION_URL: z.string().optional(),
    VERCEL_GIT_COMMIT_REF: z.string().optional(),
    // Deployment Protection bypass for automation, forwarded on QStash deliveries to previews.
    VERCEL_AUTOMATION_BYPASS_SECRET: z.string().optional(),
  },
  client: {
    // Turnstile's public site key (see TURNSTILE_SECRET_KEY); the server hands it to the widget.
    NEXT_PUBLIC_TURNSTILE_SITE_KEY: z.string().min(1).optional(),
  },
  experimental__runtimeEnv: {
    NEXT_PUBLIC_TURNSTILE_SITE_KEY: process.env.NEXT_PUBLIC_TURNSTILE_SITE_KEY,
  },
  emptyStringAsUndefined: true,
  onValidationError: (issues) => {
    const lines = issues.map((issue) => {
      const name = (issue.path ?? [])
        .map((part) => (typeof part === "object" ? String(part.key) : String(part)))
        .join(".");
      return `  - ${name || "(env)"}: ${issue.message}`;
    });
    throw new Error(`Invalid environment variables (see .env.example and README.md):\n${lines.join("\n")}`);
  },
  skipValidation: process.env.SKIP_ENV_VALIDATION === "1",
});
