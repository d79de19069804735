// The benchmark's switch: on a throwaway local server, `npm run bench` may send purchase.reserve
// down the Postgres-only baseline and call the no-op procedure. Off unless asked for, and never on
// a production deployment or a production build served anywhere but this machine, whatever the
// variable says — a shopper must never be able to pick a different reservation path. Pure; the
// process's decision is bench-switch-env.ts.

export interface BenchSwitchEnv {
  BENCH_STRATEGY_SWITCH?: boolean;
  NODE_ENV: "development" | "test" | "production";
  VERCEL_ENV?: "production" | "preview" | "development";
  APP_URL?: string;
}

/** The request header that picks the reservation path while the switch is allowed. */
export const PURCHASE_STRATEGY_HEADER = "x-stampede-strategy";

/** `redis`: the product's path (Lua in Redis, order through QStash). `postgres`: the bench baseline. */
export type PurchaseStrategy = "redis" | "postgres";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);

function isLocalOrigin(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return LOCAL_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

export function isBenchSwitchAllowed(config: BenchSwitchEnv): boolean {
  if (config.BENCH_STRATEGY_SWITCH !== true) return false;
  if (config.VERCEL_ENV === "production") return false;
  // A production build is allowed only when it is served on this machine (the bench's own server).
  return config.NODE_ENV !== "production" || isLocalOrigin(config.APP_URL);
}

/** The path a request asks for; anything but an allowed, explicit `postgres` is the product's path. */
export function purchaseStrategyFrom(headers: Headers, switchAllowed: boolean): PurchaseStrategy {
  if (!switchAllowed) return "redis";
  return headers.get(PURCHASE_STRATEGY_HEADER) === "postgres" ? "postgres" : "redis";
}
