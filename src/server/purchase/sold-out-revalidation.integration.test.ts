// When the sold-out memory expires in the middle of a storm, one request re-asks Redis; the others
// keep the sold-out answer instead of all paying the rate limiter's and the script's round trips.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "~/server/api/root";
import { SOLD_OUT_TTL_MS } from "~/server/inventory/sold-out-cache";
import { createRedisClient } from "~/server/redis";
import { createArmedSale, createUsers, sessionFor } from "~/testing/fixtures";
import { createHarness, type Harness } from "~/testing/harness";
import { serveRoutes } from "~/testing/serve-routes";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

/** An Upstash REST endpoint that forwards to the real one and counts the scripts it is sent. */
async function countingRedis() {
  let scripts = 0;
  const forward = async (request: Request) => {
    const body = await request.text();
    const commands = (request.url.endsWith("/pipeline") ? JSON.parse(body) : [JSON.parse(body)]) as unknown[][];
    scripts += commands.filter((command) => String(command[0]).toLowerCase().startsWith("eval")).length;
    const upstream = await fetch(`${h.stack.UPSTASH_REDIS_REST_URL}${new URL(request.url).pathname}`, {
      method: "POST",
      headers: request.headers,
      body,
    });
    return new Response(await upstream.arrayBuffer(), { status: upstream.status, headers: upstream.headers });
  };
  const routes = await serveRoutes({ "/": forward, "/pipeline": forward });
  return { routes, scripts: () => scripts };
}

describe("sold-out memory after its TTL", () => {
  it("sends one of 40 concurrent shoppers to Redis and answers the rest from memory", async () => {
    const users = await createUsers(h.db, 41);
    const sale = await createArmedSale(h.deps, { totalStock: 1 });
    const proxy = await countingRedis();
    try {
      const callerFor = (index: number) =>
        createCaller({
          ...h.context(sessionFor(users[index]!)),
          redis: createRedisClient(proxy.routes.url, h.stack.UPSTASH_REDIS_REST_TOKEN),
        });
      await expect(callerFor(0).purchase.reserve({ saleId: sale.id })).resolves.toMatchObject({ status: "RESERVED" });
      await new Promise((resolve) => setTimeout(resolve, SOLD_OUT_TTL_MS + 50));
      const before = proxy.scripts();

      const answers = await Promise.all(
        users.slice(1).map((_, index) =>
          callerFor(index + 1)
            .purchase.reserve({ saleId: sale.id })
            .then(
              () => "RESERVED",
              (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
            ),
        ),
      );

      expect(answers.every((answer) => answer === "CONFLICT")).toBe(true);
      // One shopper's rate-limit scripts (per user and per address) and one reservation script.
      expect(proxy.scripts() - before).toBeLessThanOrEqual(3);
    } finally {
      await proxy.routes.close();
    }
  });
});
