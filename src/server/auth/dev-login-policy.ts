// Decides whether the passwordless development sign-in exists in this deployment. Anyone who can
// reach it can sign in as any address (admins included), so it is on only where that is harmless.
export interface DevLoginEnv {
  NODE_ENV: "development" | "test" | "production";
  VERCEL_ENV?: "production" | "preview" | "development";
  AUTH_DEV_LOGIN: boolean;
  APP_URL?: string;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);

function isLocalUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return LOCAL_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * - never on Vercel production, whatever AUTH_DEV_LOGIN says;
 * - always in development and test;
 * - on a Vercel preview only when AUTH_DEV_LOGIN opts in;
 * - on a production build outside Vercel only when AUTH_DEV_LOGIN opts in and the app is served
 *   from localhost (the e2e suite and the benchmark);
 * - off everywhere else.
 */
export function isDevLoginAllowed(env: DevLoginEnv): boolean {
  if (env.VERCEL_ENV === "production") return false;
  if (env.NODE_ENV === "development" || env.NODE_ENV === "test") return true;
  if (env.VERCEL_ENV === "preview") return env.AUTH_DEV_LOGIN;
  if (env.VERCEL_ENV === undefined) return env.AUTH_DEV_LOGIN && isLocalUrl(env.APP_URL);
  return false;
}
