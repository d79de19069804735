// Redis answering too slowly for the rate limiter: the reserve policy falls back to this instance's
// memory with the same counts (never "no limit"), the admin policy refuses, and the reserve script
// still sells a shopper one unit. Redis sits behind a local endpoint that holds every request
// longer than the limiter waits, then forwards it.
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from "@trpc/client";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter, type AppRouter } from "~/server/api/root";
import { saleKeys } from "~/server/inventory/keys";
import { checkRateLimit, rateLimitPolicies } from "~/server/ratelimit";
import { createArmedSale, createUsers, eventually, sessionFor, uniqueId } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import { redisProxy } from "~/testing/redis-proxy";

// Longer than any policy waits, with room for a loaded machine.
const DELAY_MS = Math.max(...Object.values(rateLimitPolicies).map((policy) => policy.timeoutMs)) + 700;
const perUser = rateLimitPolicies.reserve.perUser.tokens;

const h = harnessForFile();
let slow: Awaited<ReturnType<typeof redisProxy>>;
beforeAll(async () => {
  slow = await redisProxy(
    { url: h.stack.UPSTASH_REDIS_REST_URL, token: h.stack.UPSTASH_REDIS_REST_TOKEN },
    { delayMs: DELAY_MS },
  );
});
afterAll(async () => {
  await slow.close();
});

describe("rate limiting while Redis is slow", () => {
  it("one shopper: 900 calls at once, then 100 more within a second; 5 pass, each marked degraded", async () => {
    const input = { namespace: h.namespace, policy: "reserve" as const, userId: uniqueId("user"), ip: "203.0.113.9" };
    const burst = await Promise.all(Array.from({ length: 900 }, () => checkRateLimit(slow.redis, input)));
    const started = performance.now();
    const after = [];
    for (let call = 0; call < 100; call++) after.push(await checkRateLimit(slow.redis, input));
    // Redis is skipped for a moment after it failed to answer, so these do not each wait it out.
    expect(performance.now() - started).toBeLessThan(1_000);

    const verdicts = [...burst, ...after];
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(perUser);
    expect(verdicts.every((verdict) => "degraded" in verdict && verdict.degraded)).toBe(true);
    const refused = verdicts.filter((verdict) => !verdict.allowed);
    expect(refused.every((verdict) => "scope" in verdict && verdict.scope === "user")).toBe(true);
    expect(refused.every((verdict) => "retryAfterSeconds" in verdict && verdict.retryAfterSeconds >= 1)).toBe(true);
  });

  it("the admin policy refuses instead", async () => {
    const verdict = await checkRateLimit(slow.redis, {
      namespace: h.namespace,
      policy: "adminWrite",
      userId: uniqueId("admin"),
      ip: null,
    });
    expect(verdict).toEqual({ allowed: false, limiterUnavailable: true });
  });

  it("through the tRPC handler: a 900-call batch and 100 single calls pass 5 reserves and sell one unit", async () => {
    const [user] = await createUsers(h.db, 1);
    const sale = await createArmedSale(h.deps, { totalStock: 10 });
    const services = h.servicesWith({ redis: slow.redis });
    // No batch cap here (the route's own is tested in trpc-route): even unbounded batching must
    // not multiply a shopper's attempts, because every call in a batch meets the limiter itself.
    const handler = (request: Request) =>
      fetchRequestHandler({
        endpoint: "/api/trpc",
        req: request,
        router: appRouter,
        createContext: () => h.context(sessionFor(user!), "203.0.113.10", services),
      });
    // In process: a 900-call batch's URL is longer than an HTTP server accepts in its request line.
    const transport = inProcess(handler);
    const link = { url: "http://stampede.test/api/trpc", transformer: superjson, fetch: transport.fetch };
    const batching = createTRPCClient<AppRouter>({ links: [httpBatchLink(link)] });
    const single = createTRPCClient<AppRouter>({ links: [httpLink(link)] });
    const reserve = (client: typeof batching) =>
      client.purchase.reserve.mutate({ saleId: sale.id }).then(
        (ok) => ok.status as string,
        (error: unknown) => (error instanceof TRPCClientError ? String(error.data?.code) : `unexpected: ${error}`),
      );

    const batch = await Promise.all(Array.from({ length: 900 }, () => reserve(batching)));
    expect(transport.requests()).toBe(1);
    // 100 separate requests, sent over one second.
    const singles = await Promise.all(
      Array.from({ length: 100 }, async (_, index) => {
        await new Promise((resolve) => setTimeout(resolve, index * 10));
        return reserve(single);
      }),
    );
    expect(transport.requests()).toBe(101);

    const outcomes = [...batch, ...singles];
    const tally = (status: string) => outcomes.filter((outcome) => outcome === status).length;
    expect(tally("RESERVED")).toBe(1);
    expect(tally("ALREADY_RESERVED")).toBe(perUser - 1);
    expect(tally("TOO_MANY_REQUESTS")).toBe(1_000 - perUser);

    // One unit left the stock, and one order reaches Postgres.
    const keys = saleKeys(h.namespace, sale.id);
    expect(Number(await h.redis.hget(keys.sale, "stock"))).toBe(9);
    expect(await h.redis.hlen(keys.buyers)).toBe(1);
    await eventually(
      async () => (await h.db.order.count({ where: { saleId: sale.id } })) === 1,
      "the one order in Postgres",
    );
  }, 60_000);
});

/** A fetch that hands each request to `handler` in this process, counting them. */
function inProcess(handler: (request: Request) => Promise<Response>) {
  let requests = 0;
  return {
    requests: () => requests,
    fetch: (url: URL | RequestInfo, init?: RequestInit) => {
      requests += 1;
      return handler(new Request(url, init));
    },
  };
}
