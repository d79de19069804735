// The app's own tRPC route (src/app/api/trpc/[trpc]/route.ts) served over HTTP on the local stack,
// called with the browser's client: the batch cap, one rate-limit verdict per call in a batch,
// Retry-After on refusals that carry a wait, and the client address when nothing is trusted.
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from "@trpc/client";
import { NextRequest } from "next/server";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { GET, POST } from "~/app/api/trpc/[trpc]/route";
import type { AppRouter } from "~/server/api/root";
import { mintSessionToken } from "~/server/auth/session-token";
import { deployment } from "~/server/deployment";
import { saleKeys } from "~/server/inventory/keys";
import { checkRateLimit, rateLimitPolicies } from "~/server/ratelimit";
import { createArmedSale, uniqueId, waitForRoomInWindow } from "~/testing/fixtures";
import { codeOf } from "./trpc-client-outcome";
import { harnessForFile, type Harness } from "~/testing/harness";
import { serveRoutes, type ServedRoutes } from "~/testing/serve-routes";

// The route builds this process's services from env (the test stack's); the marker package only
// guards against bundling server code into the browser and throws outside React Server Components.
vi.mock("server-only", () => ({}));

const MAX_BATCH_SIZE = 10;
const reservePath = (calls: number) => `/api/trpc/${Array.from({ length: calls }, () => "purchase.reserve").join(",")}`;

const h = harnessForFile();
let served: ServedRoutes;
/** The app's namespace: the route serves with the process's own services, not the harness's. */
let app: Harness["deps"];

beforeAll(async () => {
  app = { ...h.deps, namespace: deployment.namespace };
  const route = (request: Request) => (request.method === "GET" ? GET : POST)(new NextRequest(request));
  const table = Object.fromEntries([1, MAX_BATCH_SIZE, MAX_BATCH_SIZE + 1].map((calls) => [reservePath(calls), route]));
  served = await serveRoutes(table);
});
afterAll(async () => {
  await served.close();
});

async function shopperHeaders(extra: Record<string, string> = {}) {
  const id = uniqueId("user");
  const { cookieName, value } = await mintSessionToken(
    { id, email: `${id}@stampede.test`, role: "SHOPPER" },
    inject("stack").AUTH_SECRET,
  );
  return { cookie: `${cookieName}=${value}`, ...extra };
}

/** The browser's client (batching) or a one-call-per-request one, recording every HTTP response. */
function client(headers: Record<string, string>, batching = true) {
  const responses: Response[] = [];
  const options = {
    url: `${served.url}/api/trpc`,
    transformer: superjson,
    headers: () => headers,
    fetch: async (url: URL | RequestInfo, init?: RequestInit) => {
      const response = await fetch(url, init);
      responses.push(response.clone());
      return response;
    },
  };
  const trpc = createTRPCClient<AppRouter>({ links: [batching ? httpBatchLink(options) : httpLink(options)] });
  return { trpc, responses };
}

const count = (codes: string[], code: string) => codes.filter((candidate) => candidate === code).length;

describe("the tRPC route", () => {
  it("refuses a batch over the cap with 400 before any call runs, then limits each call of a batch on its own", async () => {
    // Not started: every call that passes the limiter reaches the reserve step and is refused there.
    const sale = await createArmedSale(app, { startsAt: new Date(Date.now() + 3_600_000) });
    const shopper = client(await shopperHeaders());
    await waitForRoomInWindow(10_000, 4_000);

    const oversized = await Promise.allSettled(
      Array.from({ length: MAX_BATCH_SIZE + 1 }, () => shopper.trpc.purchase.reserve.mutate({ saleId: sale.id })),
    );
    expect(shopper.responses).toHaveLength(1);
    expect(shopper.responses[0]!.status).toBe(400);
    expect(shopper.responses[0]!.headers.get("retry-after")).toBeNull();
    expect(JSON.stringify(await shopper.responses[0]!.json())).toContain("Batch call exceeds maximum size");
    expect(oversized.map(codeOf)).toEqual(Array.from({ length: MAX_BATCH_SIZE + 1 }, () => "BAD_REQUEST"));

    // The refused batch used none of the shopper's attempts: a full batch passes exactly the policy's count.
    const batch = await Promise.allSettled(
      Array.from({ length: MAX_BATCH_SIZE }, () => shopper.trpc.purchase.reserve.mutate({ saleId: sale.id })),
    );
    const codes = batch.map(codeOf);
    const perUser = rateLimitPolicies.reserve.perUser.tokens;
    expect(count(codes, "PRECONDITION_FAILED")).toBe(perUser);
    expect(count(codes, "TOO_MANY_REQUESTS")).toBe(MAX_BATCH_SIZE - perUser);
    const response = shopper.responses[1]!;
    expect(response.status).toBe(207);
    // A batch says the longest wait any of its calls carries.
    const waits = batch.flatMap((outcome) =>
      outcome.status === "rejected" && outcome.reason instanceof TRPCClientError
        ? [(outcome.reason as TRPCClientError<AppRouter>).data?.retryAfterSeconds].filter((wait) => wait !== undefined)
        : [],
    );
    expect(waits).toHaveLength(MAX_BATCH_SIZE - perUser);
    expect(response.headers.get("retry-after")).toBe(String(Math.max(...waits)));
  });

  it("answers a rate-limited call 429 with Retry-After equal to the wait in its body", async () => {
    const sale = await createArmedSale(app, { startsAt: new Date(Date.now() + 3_600_000) });
    const shopper = client(await shopperHeaders(), false);
    await waitForRoomInWindow(10_000, 3_000);
    const outcomes = [];
    for (let attempt = 0; attempt <= rateLimitPolicies.reserve.perUser.tokens; attempt++) {
      outcomes.push(await shopper.trpc.purchase.reserve.mutate({ saleId: sale.id }).catch((error: unknown) => error));
    }
    const limited = outcomes.at(-1) as TRPCClientError<AppRouter>;
    expect(limited.data?.code).toBe("TOO_MANY_REQUESTS");
    const response = shopper.responses.at(-1)!;
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe(String(limited.data?.retryAfterSeconds));
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // The refusals before it carried no wait, so they sent none.
    expect(
      shopper.responses.slice(0, -1).map((earlier) => [earlier.status, earlier.headers.get("retry-after")]),
    ).toEqual(Array.from({ length: rateLimitPolicies.reserve.perUser.tokens }, () => [412, null]));
  });

  it("trusts no address by default: a spoofed X-Forwarded-For is not counted, so it cannot use up its victim's quota", async () => {
    const sale = await createArmedSale(app, { startsAt: new Date(Date.now() + 3_600_000) });
    const victim = "203.0.113.77";
    const perIp = rateLimitPolicies.reserve.perIp.tokens;
    await waitForRoomInWindow(10_000, 6_000);
    // More shoppers than the per-address count, all claiming the victim's address.
    const shoppers = await Promise.all(
      Array.from({ length: perIp + 10 }, async () =>
        client(await shopperHeaders({ "x-forwarded-for": victim }), false),
      ),
    );
    const codes = (
      await Promise.allSettled(shoppers.map((shopper) => shopper.trpc.purchase.reserve.mutate({ saleId: sale.id })))
    ).map(codeOf);
    expect(count(codes, "PRECONDITION_FAILED")).toBe(perIp + 10);
    // The victim still has the whole per-address count.
    const verdicts = await Promise.all(
      Array.from({ length: perIp + 1 }, () =>
        checkRateLimit(h.redis, { namespace: app.namespace, policy: "reserve", userId: uniqueId("user"), ip: victim }),
      ),
    );
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(perIp);
  }, 60_000);

  it("sends Retry-After with a 503 that carries a wait: a sale whose Redis state is resuming", async () => {
    // Last in the file: the re-arm this starts keeps polling QStash in the background.
    const sale = await createArmedSale(app);
    await h.redis.del(saleKeys(app.namespace, sale.id).sale);
    const shopper = client(await shopperHeaders(), false);
    const error = (await shopper.trpc.purchase.reserve.mutate({ saleId: sale.id }).catch((e: unknown) => e)) as
      TRPCClientError<AppRouter> | undefined;
    expect(error?.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", reason: "RESUMING" });
    const response = shopper.responses[0]!;
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe(String(error?.data?.retryAfterSeconds));
  });
});
