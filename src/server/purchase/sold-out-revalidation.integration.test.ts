// When the sold-out memory expires in the middle of a storm, one request re-asks Redis; the others
// keep the sold-out answer instead of all paying the rate limiter's and the script's round trips.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { SOLD_OUT_TTL_MS } from "~/server/inventory/sold-out-cache";
import { createArmedSale, createUsers, sessionFor } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import { redisProxy } from "~/testing/redis-proxy";

const h = harnessForFile();

describe("sold-out memory after its TTL", () => {
  it("sends one of 40 concurrent shoppers to Redis and answers the rest from memory", async () => {
    const users = await createUsers(h.db, 41);
    const sale = await createArmedSale(h.deps, { totalStock: 1 });
    const proxy = await redisProxy({ url: h.stack.UPSTASH_REDIS_REST_URL, token: h.stack.UPSTASH_REDIS_REST_TOKEN });
    try {
      const services = h.servicesWith({ redis: proxy.redis });
      const callerFor = (index: number) => h.caller(sessionFor(users[index]!), null, services);
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
      await proxy.close();
    }
  });
});
