// Rate limits for procedures, from one typed policy table. Each policy states how it behaves when
// Redis is slow or down: fail open (let the request through) or fail closed (refuse it).
import { Ratelimit } from "@upstash/ratelimit";
import type { Redis } from "@upstash/redis";
import { waitUntil } from "@vercel/functions";

type Window = `${number} ${"ms" | "s" | "m" | "h"}`;

export interface RateLimitPolicy {
  /** Requests per window for one signed-in shopper. */
  perUser: { tokens: number; window: Window };
  /** Requests per window from one address: the second line against one client with many accounts. */
  perIp: { tokens: number; window: Window };
  /** Open: the buy path's own atomic checks still guard correctness, so a limiter outage must not
   *  stop a sale. Closed: refuse when the limiter cannot answer. */
  onLimiterFailure: "open" | "closed";
  /** How long to wait for Redis before applying onLimiterFailure. */
  timeoutMs: number;
}

export const rateLimitPolicies = {
  // A shopper needs one successful call; a few retries cover flaky networks and double clicks.
  reserve: {
    perUser: { tokens: 5, window: "10 s" },
    perIp: { tokens: 600, window: "10 s" },
    onLimiterFailure: "open",
    timeoutMs: 500,
  },
  // Admin edits are few; an unanswered limiter should not let a script hammer them.
  adminWrite: {
    perUser: { tokens: 30, window: "60 s" },
    perIp: { tokens: 120, window: "60 s" },
    onLimiterFailure: "closed",
    timeoutMs: 1_000,
  },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitPolicyName = keyof typeof rateLimitPolicies;

export type RateLimitVerdict =
  | { allowed: true; degraded: boolean }
  | { allowed: false; retryAfterSeconds: number; scope: "user" | "ip" }
  | { allowed: false; limiterUnavailable: true };

interface Limiters {
  user: Ratelimit;
  ip: Ratelimit;
}

// One pair of limiters per (client, namespace, policy): the ephemeral cache inside each
// remembers blocked identifiers between requests, which only works if instances live on.
const limiterCache = new WeakMap<Redis, Map<string, Limiters>>();

function limitersFor(redis: Redis, namespace: string, name: RateLimitPolicyName, policy: RateLimitPolicy): Limiters {
  let perClient = limiterCache.get(redis);
  if (!perClient) limiterCache.set(redis, (perClient = new Map()));
  const cacheKey = `${namespace}:${name}`;
  let limiters = perClient.get(cacheKey);
  if (!limiters) {
    const build = (scope: "user" | "ip", rule: { tokens: number; window: Window }) =>
      new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(rule.tokens, rule.window),
        prefix: `${namespace}:rl:${name}:${scope}`,
        timeout: 0,
        analytics: false,
        ephemeralCache: new Map(),
      });
    limiters = { user: build("user", policy.perUser), ip: build("ip", policy.perIp) };
    perClient.set(cacheKey, limiters);
  }
  return limiters;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`rate limiter did not answer within ${ms} ms`)), ms);
    }),
  ]);
}

export async function checkRateLimit(
  redis: Redis,
  input: { namespace: string; policy: RateLimitPolicyName; userId: string; ip: string | null },
): Promise<RateLimitVerdict> {
  const policy: RateLimitPolicy = rateLimitPolicies[input.policy];
  const limiters = limitersFor(redis, input.namespace, input.policy, policy);
  try {
    const [user, ip] = await withTimeout(
      Promise.all([limiters.user.limit(input.userId), input.ip ? limiters.ip.limit(input.ip) : Promise.resolve(null)]),
      policy.timeoutMs,
    );
    for (const [scope, result] of [
      ["user", user],
      ["ip", ip],
    ] as const) {
      if (!result) continue;
      waitUntil(result.pending);
      if (!result.success) {
        return { allowed: false, scope, retryAfterSeconds: Math.max(1, Math.ceil((result.reset - Date.now()) / 1000)) };
      }
    }
    return { allowed: true, degraded: false };
  } catch {
    return policy.onLimiterFailure === "open"
      ? { allowed: true, degraded: true }
      : { allowed: false, limiterUnavailable: true };
  }
}
