// Rate limits for procedures, from one typed policy table. Each policy states how it behaves when
// Redis is slow or down: degrade to this instance's own memory with the same counts (a weaker
// limit: each instance counts alone), or refuse. No policy means "no limit" when Redis is away.
import { Ratelimit } from "@upstash/ratelimit";
import type { Redis } from "@upstash/redis";
import { waitUntil } from "@vercel/functions";
import { MemoryWindow } from "./memory-window";
import { RedisBreaker } from "./redis-breaker";

type Window = `${number} ${"ms" | "s" | "m" | "h"}`;

export interface RateLimitPolicy {
  /** Requests per window for one signed-in shopper. */
  perUser: { tokens: number; window: Window };
  /** Requests per window from one address: the second line against one client with many accounts. */
  perIp: { tokens: number; window: Window };
  /** Memory: the buy path's own atomic checks still guard correctness, so a limiter outage must not
   *  stop a sale; each instance then counts in its own memory (MemoryWindow). Closed: refuse when
   *  the limiter cannot answer. */
  onLimiterFailure: "memory" | "closed";
  /** How long to wait for Redis before applying onLimiterFailure. */
  timeoutMs: number;
}

export const rateLimitPolicies = {
  // A shopper needs one successful call; a few retries cover flaky networks and double clicks.
  reserve: {
    perUser: { tokens: 5, window: "10 s" },
    perIp: { tokens: 600, window: "10 s" },
    onLimiterFailure: "memory",
    timeoutMs: 500,
  },
  // Entering a fair draw's lobby: one entry counts, so a handful of retries is plenty.
  lobbyEnter: {
    perUser: { tokens: 5, window: "10 s" },
    perIp: { tokens: 600, window: "10 s" },
    onLimiterFailure: "memory",
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

/**
 * Entries one sale admits per address block (IPv4 /24, IPv6 /64) and per device cookie, counted
 * once per shopper inside the sale's atomic step on entering its lobby or buying. A block is a
 * household, an office or a mobile carrier's shared addresses, so it gets a few; one device is
 * rarely shared by more than two accounts honestly.
 */
export const admissionPolicy = {
  entriesPerBlock: 5,
  entriesPerDevice: 2,
} as const;

/** `degraded`: decided by this instance's memory because Redis did not answer. */
export type RateLimitVerdict =
  | { allowed: true; degraded: boolean }
  | { allowed: false; retryAfterSeconds: number; scope: "user" | "ip"; degraded: boolean }
  | { allowed: false; limiterUnavailable: true };

export { MemoryWindow } from "./memory-window";
export { REDIS_RETRY_AFTER_FAILURE_MS, RedisBreaker } from "./redis-breaker";

interface Limiter {
  user: Ratelimit;
  ip: Ratelimit;
  breaker: RedisBreaker;
  /** Present for policies that degrade to memory. */
  memory?: { user: MemoryWindow; ip: MemoryWindow };
}

// One limiter per (client, namespace, policy): the ephemeral cache inside each Ratelimit, the
// breaker and the memory windows are per-instance state that only works if they live on.
const limiterCache = new WeakMap<Redis, Map<string, Limiter>>();

function windowMs(window: Window): number {
  const [amount = "0", unit] = window.split(" ");
  const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[unit as "ms" | "s" | "m" | "h"];
  return Number(amount) * unitMs;
}

function limiterFor(redis: Redis, namespace: string, name: RateLimitPolicyName, policy: RateLimitPolicy): Limiter {
  let perClient = limiterCache.get(redis);
  if (!perClient) limiterCache.set(redis, (perClient = new Map()));
  const cacheKey = `${namespace}:${name}`;
  let limiter = perClient.get(cacheKey);
  if (!limiter) {
    const build = (scope: "user" | "ip", rule: { tokens: number; window: Window }) =>
      new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(rule.tokens, rule.window),
        prefix: `${namespace}:rl:${name}:${scope}`,
        timeout: 0,
        analytics: false,
        ephemeralCache: new Map(),
      });
    const memory = (rule: { tokens: number; window: Window }) =>
      new MemoryWindow({ tokens: rule.tokens, windowMs: windowMs(rule.window) });
    limiter = {
      user: build("user", policy.perUser),
      ip: build("ip", policy.perIp),
      breaker: new RedisBreaker(),
      memory:
        policy.onLimiterFailure === "memory" ? { user: memory(policy.perUser), ip: memory(policy.perIp) } : undefined,
    };
    perClient.set(cacheKey, limiter);
  }
  return limiter;
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

const toSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Redis's verdict, or null when it did not answer in time. */
async function askRedis(
  limiter: Limiter,
  input: { userId: string; ip: string | null },
  timeoutMs: number,
): Promise<RateLimitVerdict | null> {
  let results;
  try {
    results = await withTimeout(
      Promise.all([limiter.user.limit(input.userId), input.ip ? limiter.ip.limit(input.ip) : Promise.resolve(null)]),
      timeoutMs,
    );
  } catch {
    limiter.breaker.failed();
    return null;
  }
  limiter.breaker.succeeded();
  const [user, ip] = results;
  waitUntil(Promise.all([user.pending, ip?.pending]));
  for (const [scope, result] of [
    ["user", user],
    ["ip", ip],
  ] as const) {
    if (result && !result.success) {
      return { allowed: false, scope, retryAfterSeconds: toSeconds(result.reset - Date.now()), degraded: false };
    }
  }
  // Counted here too, so an outage starting now does not hand anyone a fresh quota on this instance.
  limiter.memory?.user.take(input.userId);
  if (input.ip) limiter.memory?.ip.take(input.ip);
  return { allowed: true, degraded: false };
}

function askMemory(
  memory: NonNullable<Limiter["memory"]>,
  input: { userId: string; ip: string | null },
): RateLimitVerdict {
  const user = memory.user.take(input.userId);
  if (!user.allowed)
    return { allowed: false, scope: "user", retryAfterSeconds: toSeconds(user.retryAfterMs), degraded: true };
  const ip = input.ip ? memory.ip.take(input.ip) : null;
  if (ip && !ip.allowed)
    return { allowed: false, scope: "ip", retryAfterSeconds: toSeconds(ip.retryAfterMs), degraded: true };
  return { allowed: true, degraded: true };
}

export async function checkRateLimit(
  redis: Redis,
  input: { namespace: string; policy: RateLimitPolicyName; userId: string; ip: string | null },
): Promise<RateLimitVerdict> {
  const policy: RateLimitPolicy = rateLimitPolicies[input.policy];
  const limiter = limiterFor(redis, input.namespace, input.policy, policy);
  const answer = limiter.breaker.shouldAsk() ? await askRedis(limiter, input, policy.timeoutMs) : null;
  if (answer) return answer;
  return limiter.memory ? askMemory(limiter.memory, input) : { allowed: false, limiterUnavailable: true };
}
