// The buy path on the real local stack: tRPC caller → rate limit → Lua reservation in Redis
// (through the Upstash REST endpoint) → QStash → signed callback → Postgres.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { RefusalReason } from "~/server/api/trpc";
import { saleKeys } from "~/server/inventory/keys";
import { SoldOutCache } from "~/server/inventory/sold-out-cache";
import { orderPublishTarget } from "~/server/orders/qstash-destinations";
import { createArmedSale, createUsers, eventually, sessionFor } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import { redisProxy } from "~/testing/redis-proxy";
import { createPurchaseService, publishThroughQStash, redisReserveStep } from "./reserve-purchase";

const h = harnessForFile();

function outcomeOf(error: unknown): string {
  return error instanceof TRPCError ? error.code : `unexpected: ${String(error)}`;
}

describe("storm", () => {
  it("2,000 shoppers against 100 units: exactly 100 reserved, 100 orders from 100 people, stock 0", async () => {
    const users = await createUsers(h.db, 2_000);
    const sale = await createArmedSale(h.deps, { totalStock: 100 });

    const started = performance.now();
    const results = await Promise.all(
      users.map((user) =>
        h
          .caller(sessionFor(user))
          .purchase.reserve({ saleId: sale.id })
          .then((ok) => ({ user, status: ok.status, reservationId: ok.reservationId }))
          .catch((error: unknown) => ({ user, status: outcomeOf(error), reservationId: null })),
      ),
    );
    const answeredMs = performance.now() - started;

    const reserved = results.filter((result) => result.status === "RESERVED");
    const soldOut = results.filter((result) => result.status === "CONFLICT");
    expect(reserved).toHaveLength(100);
    expect(soldOut).toHaveLength(1_900);
    expect(new Set(reserved.map((result) => result.reservationId)).size).toBe(100);

    const drainMs = await eventually(
      async () => (await h.db.order.count({ where: { saleId: sale.id } })) === 100,
      "100 orders in Postgres",
      30_000,
    );
    const orders = await h.db.order.findMany({
      where: { saleId: sale.id },
      select: { userId: true, reservationId: true },
    });
    expect(new Set(orders.map((order) => order.userId)).size).toBe(100);
    expect(new Set(orders.map((order) => order.userId))).toEqual(new Set(reserved.map((result) => result.user.id)));

    const keys = saleKeys(h.namespace, sale.id);
    expect(Number(await h.redis.hget(keys.sale, "stock"))).toBe(0);
    expect(await h.redis.hlen(keys.buyers)).toBe(100);
    await eventually(async () => (await h.redis.zcard(keys.pending)) === 0, "journal drained");
    // Postgres took exactly the units Redis granted.
    expect((await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } })).soldCount).toBe(100);
    console.info(
      `storm 2000→100: all answered in ${Math.round(answeredMs)} ms; all orders in Postgres ${Math.round(drainMs)} ms later`,
    );
  }, 60_000);

  it("one shopper firing 50 concurrent reserves gets one unit and one order", async () => {
    const [user] = await createUsers(h.db, 1);
    const sale = await createArmedSale(h.deps, { totalStock: 10 });
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        h
          .caller(sessionFor(user!))
          .purchase.reserve({ saleId: sale.id })
          .then((ok) => ({ status: ok.status as string, reservationId: ok.reservationId as string | null }))
          .catch((error: unknown) => ({ status: outcomeOf(error), reservationId: null })),
      ),
    );
    const granted = results.filter((result) => result.reservationId !== null);
    expect(granted.filter((result) => result.status === "RESERVED")).toHaveLength(1);
    expect(new Set(granted.map((result) => result.reservationId)).size).toBe(1);
    // Every other answer is the same reservation again or the per-user rate limit.
    for (const result of results)
      expect(["RESERVED", "ALREADY_RESERVED", "TOO_MANY_REQUESTS"]).toContain(result.status);

    await eventually(async () => (await h.db.order.count({ where: { saleId: sale.id } })) === 1, "the order");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await h.db.order.count({ where: { saleId: sale.id } })).toBe(1);
    expect(Number(await h.redis.hget(saleKeys(h.namespace, sale.id).sale, "stock"))).toBe(9);
  });

  it("without the rate limiter in front, 50 concurrent reserves all answer with the one reservation", async () => {
    const [user] = await createUsers(h.db, 1);
    const sale = await createArmedSale(h.deps, { totalStock: 10 });
    const purchase = createPurchaseService({
      soldOut: new SoldOutCache(),
      rateLimit: () => Promise.resolve({ allowed: true, degraded: false }),
      reserveStep: redisReserveStep(h.redis, h.namespace),
      publish: publishThroughQStash(h.qstash, () =>
        orderPublishTarget({ namespace: h.namespace, publicUrl: h.publicUrl }),
      ),
      logger: h.services.logger,
    });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => purchase.reserve({ saleId: sale.id, userId: user!.id, clientIp: null })),
    );
    const ids = new Set(results.map((result) => (result.ok ? result.reservationId : result.reason)));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => result.ok && result.status === "RESERVED")).toHaveLength(1);
    expect(results.filter((result) => result.ok && result.status === "ALREADY_RESERVED")).toHaveLength(49);
    expect(Number(await h.redis.hget(saleKeys(h.namespace, sale.id).sale, "stock"))).toBe(9);
  });
});

describe("after sell-out", () => {
  it("the storm is answered from memory, without a Redis round trip", async () => {
    const [winner, late] = await createUsers(h.db, 2);
    const sale = await createArmedSale(h.deps, { totalStock: 1 });
    // A Redis endpoint that counts every request it gets: after sell-out it must get none.
    const proxy = await redisProxy({ url: h.stack.UPSTASH_REDIS_REST_URL, token: h.stack.UPSTASH_REDIS_REST_TOKEN });
    try {
      const services = h.servicesWith({ redis: proxy.redis });
      await expect(
        h.caller(sessionFor(winner!), null, services).purchase.reserve({ saleId: sale.id }),
      ).resolves.toMatchObject({ status: "RESERVED" });
      proxy.refuseAll();
      const before = proxy.requests();
      await expect(
        h.caller(sessionFor(late!), null, services).purchase.reserve({ saleId: sale.id }),
      ).rejects.toMatchObject({
        code: "CONFLICT",
        message: expect.stringMatching(/Sold out/),
      });
      expect(proxy.requests() - before).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});

describe("refusals", () => {
  it.each([
    ["not started", { startsAt: new Date(Date.now() + 3_600_000) }, "PRECONDITION_FAILED", /not started yet/],
    [
      "ended",
      { startsAt: new Date(Date.now() - 7_200_000), endsAt: new Date(Date.now() - 1_000) },
      "PRECONDITION_FAILED",
      /has ended/,
    ],
    ["paused", { state: "PAUSED" as const }, "PRECONDITION_FAILED", /paused/],
    ["ended by an admin", { state: "ENDED" as const }, "PRECONDITION_FAILED", /has ended/],
    ["a draft", { state: "DRAFT" as const }, "NOT_FOUND", /could not find/],
  ])("a %s sale is refused with a clear message", async (_label, fixture, code, message) => {
    const [user] = await createUsers(h.db, 1);
    const sale = await createArmedSale(h.deps, fixture);
    const error = await h
      .caller(sessionFor(user!))
      .purchase.reserve({ saleId: sale.id })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe(code);
    expect((error as TRPCError).message).toMatch(message);
    // The machine-readable reason travels too (error.data.reason over HTTP).
    expect((error as TRPCError).cause).toBeInstanceOf(RefusalReason);
    expect(Number(await h.redis.hget(saleKeys(h.namespace, sale.id).sale, "stock"))).toBe(10);
  });

  it("an unknown sale is NOT_FOUND", async () => {
    const [user] = await createUsers(h.db, 1);
    await expect(h.caller(sessionFor(user!)).purchase.reserve({ saleId: "no-such-sale" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("an anonymous caller is UNAUTHORIZED and takes nothing", async () => {
    const sale = await createArmedSale(h.deps);
    await expect(h.caller(null).purchase.reserve({ saleId: sale.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(Number(await h.redis.hget(saleKeys(h.namespace, sale.id).sale, "stock"))).toBe(10);
  });

  it("bad input is BAD_REQUEST with the field named", async () => {
    const [user] = await createUsers(h.db, 1);
    const error = await h
      .caller(sessionFor(user!))
      .purchase.reserve({ saleId: "" })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toMatch(/saleId is required/);
  });

  it("over the per-user limit is TOO_MANY_REQUESTS with the wait in seconds", async () => {
    const [user] = await createUsers(h.db, 1);
    const sale = await createArmedSale(h.deps, { state: "PAUSED" });
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        h
          .caller(sessionFor(user!))
          .purchase.reserve({ saleId: sale.id })
          .catch((e: unknown) => e),
      ),
    );
    const limited = attempts.filter((e): e is TRPCError => e instanceof TRPCError && e.code === "TOO_MANY_REQUESTS");
    expect(limited).toHaveLength(3);
    expect(limited[0]!.message).toMatch(/wait \d+ s/);
  });

  it("the per-address limit applies across accounts", async () => {
    const users = await createUsers(h.db, 620);
    const sale = await createArmedSale(h.deps, { state: "PAUSED" });
    const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const codes = await Promise.all(
      users.map((user) =>
        h
          .caller(sessionFor(user), ip)
          .purchase.reserve({ saleId: sale.id })
          .catch((e: unknown) => outcomeOf(e)),
      ),
    );
    expect(codes.filter((code) => code === "TOO_MANY_REQUESTS")).toHaveLength(20);
  }, 30_000);
});
