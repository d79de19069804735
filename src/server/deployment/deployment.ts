// Where this deployment lives and which slice of shared Redis/QStash state is its own.
// Pure functions of the environment, so every combination is unit-tested.
export interface DeploymentEnv {
  APP_URL?: string;
  STAMPEDE_NAMESPACE?: string;
  NODE_ENV: "development" | "test" | "production";
  VERCEL_ENV?: "production" | "preview" | "development";
  VERCEL_URL?: string;
  VERCEL_BRANCH_URL?: string;
  VERCEL_PROJECT_PRODUCTION_URL?: string;
  VERCEL_GIT_COMMIT_REF?: string;
}

const withHttps = (host: string) => (/^https?:\/\//.test(host) ? host : `https://${host}`);
const stripSlash = (url: string) => url.replace(/\/+$/, "");

/**
 * The public origin QStash calls back. APP_URL wins; on Vercel, previews use the branch URL (stable
 * across pushes, so retries of an older message still land) and production its production domain.
 */
export function resolvePublicUrl(env: DeploymentEnv): string | undefined {
  if (env.APP_URL) return stripSlash(env.APP_URL);
  if (env.VERCEL_ENV === "production" && env.VERCEL_PROJECT_PRODUCTION_URL) {
    return stripSlash(withHttps(env.VERCEL_PROJECT_PRODUCTION_URL));
  }
  if (env.VERCEL_ENV === "preview" || env.VERCEL_ENV === "development") {
    const host = env.VERCEL_BRANCH_URL ?? env.VERCEL_URL;
    if (host) return stripSlash(withHttps(host));
  }
  if (env.VERCEL_URL) return stripSlash(withHttps(env.VERCEL_URL));
  return undefined;
}

function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

/**
 * The prefix of every Redis key and QStash deduplication id. Previews sharing one Upstash
 * database get `preview-<branch>`, production `prod`, so no two deployments touch each other's sales.
 */
export function resolveNamespace(env: DeploymentEnv): string {
  if (env.STAMPEDE_NAMESPACE) return env.STAMPEDE_NAMESPACE;
  if (env.VERCEL_ENV === "production") return "prod";
  if (env.VERCEL_ENV === "preview") {
    const branch = env.VERCEL_GIT_COMMIT_REF ? slug(env.VERCEL_GIT_COMMIT_REF) : "";
    return branch ? `preview-${branch}` : "preview";
  }
  if (env.VERCEL_ENV === "development") return "vercel-dev";
  return env.NODE_ENV === "production" ? "prod" : "dev";
}

/** What the services need to know about this deployment. */
export interface Deployment {
  namespace: string;
  /** Unknown outside Vercel until APP_URL is set; only QStash deliveries need it. */
  publicUrl: string | undefined;
  /** Vercel Deployment Protection bypass, forwarded on QStash deliveries to protected previews. */
  protectionBypassSecret?: string;
}
