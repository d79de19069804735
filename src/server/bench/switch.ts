// The benchmark's switch: on a throwaway local server, `npm run bench` may send purchase.reserve
// down the Postgres-only baseline or the no-op ceiling. Off unless asked for, and never on a
// production deployment or a production build served anywhere but this machine, whatever the
// variable says — a shopper must never be able to pick a different reservation path. Pure.

export interface BenchSwitchEnv {
  BENCH_STRATEGY_SWITCH?: boolean;
  NODE_ENV: "development" | "test" | "production";
  VERCEL_ENV?: "production" | "preview" | "development";
  APP_URL?: string;
}

/** The request header that picks the reservation path while the switch is allowed. */
export const PURCHASE_STRATEGY_HEADER = "x-stampede-strategy";

/**
 * `redis`: the product's path (Lua in Redis, order through QStash). `postgres`: the bench baseline,
 * one Postgres transaction per attempt. `noop`: the ceiling — the same procedure with no work at all.
 */
export const PURCHASE_STRATEGIES = ["redis", "postgres", "noop"] as const;
export type PurchaseStrategy = (typeof PURCHASE_STRATEGIES)[number];

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

/** The path a request asks for; anything but an allowed, exact bench strategy is the product's path. */
export function purchaseStrategyFrom(headers: Headers, switchAllowed: boolean): PurchaseStrategy {
  if (!switchAllowed) return "redis";
  const asked = headers.get(PURCHASE_STRATEGY_HEADER);
  return asked === "postgres" || asked === "noop" ? asked : "redis";
}
