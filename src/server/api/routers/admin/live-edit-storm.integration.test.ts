// Live edits while a stampede is running: 500 shoppers reserve concurrently against a live sale
// while an admin raises the stock, lowers it, and tries to lower it below what is reserved.
// Nothing may be oversold and no reservation may be dropped.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { saleToFormState } from "~/lib/sale-form/form-state";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale, createUsers, eventually, sessionFor } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import { errorOf, fieldErrorsOf, newAdmin } from "./admin-testing";

const h = harnessForFile();

type Shopper = Awaited<ReturnType<typeof createUsers>>[number];

function reserveAll(shoppers: Shopper[], saleId: string) {
  return Promise.all(
    shoppers.map((shopper) =>
      h
        .caller(sessionFor(shopper))
        .purchase.reserve({ saleId })
        .then((ok) => ({ userId: shopper.id, outcome: ok.status as string }))
        .catch((error: unknown) => ({
          userId: shopper.id,
          outcome: error instanceof TRPCError ? error.code : String(error),
        })),
    ),
  );
}

describe("live edits during a storm", () => {
  it("raise, lower and a refused lower while 500 shoppers reserve: no oversell, nothing dropped", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 100 });
    const shoppers = await createUsers(h.db, 500);
    const admin = h.caller(await newAdmin(h.db));
    const form = (totalStock: number) => ({
      ...saleToFormState(sale, "UTC"),
      id: sale.id,
      totalStock: String(totalStock),
    });
    const keys = saleKeys(h.namespace, sale.id);

    const started = performance.now();
    // Wave one meets the raise from 100 to 300 ...
    const [waveOne, raised] = await Promise.all([
      reserveAll(shoppers.slice(0, 250), sale.id),
      admin.admin.sale.update(form(300)),
    ]);
    expect(raised.totalStock).toBe(300);
    const reservedAfterWaveOne = await h.redis.hlen(keys.buyers);
    expect(reservedAfterWaveOne).toBeGreaterThanOrEqual(100);

    // ... wave two meets a lower to 260 (allowed unless more are reserved by then) and a lower
    // to 10, which is always below what wave one already holds.
    const [waveTwo, lowered, belowReserved] = await Promise.all([
      reserveAll(shoppers.slice(250), sale.id),
      admin.admin.sale.update(form(260)).then(
        (view) => ({ ok: true as const, view }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
      errorOf(admin.admin.sale.update(form(10))),
    ]);
    const answeredMs = performance.now() - started;

    expect(belowReserved.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(belowReserved).totalStock?.[0]).toMatch(
      /^\d+ units are already reserved, so the stock cannot go below \d+\.$/,
    );
    if (!lowered.ok) {
      expect(lowered.error).toBeInstanceOf(TRPCError);
      expect(fieldErrorsOf(lowered.error as TRPCError).totalStock?.[0]).toMatch(/already reserved/);
    }
    const finalTotal = lowered.ok ? 260 : 300;

    const results = [...waveOne, ...waveTwo];
    const reserved = results.filter((result) => result.outcome === "RESERVED");
    const soldOut = results.filter((result) => result.outcome === "CONFLICT");
    expect(reserved.length + soldOut.length).toBe(500);

    // No oversell: buyers ≤ total, and Redis stock is exactly total − buyers.
    const [hot, buyers] = await Promise.all([
      h.redis.hmget<Record<string, string>>(keys.sale, "total", "stock"),
      h.redis.hgetall<Record<string, string>>(keys.buyers),
    ]);
    const buyerIds = Object.keys(buyers ?? {});
    expect(Number(hot?.total)).toBe(finalTotal);
    expect(buyerIds.length).toBe(reserved.length);
    expect(buyerIds.length).toBeLessThanOrEqual(finalTotal);
    expect(Number(hot?.stock)).toBe(finalTotal - buyerIds.length);
    expect((await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } })).totalStock).toBe(finalTotal);

    // Nothing dropped: every granted reservation is in Redis and, once drained, in Postgres.
    expect(new Set(buyerIds)).toEqual(new Set(reserved.map((result) => result.userId)));
    const drainMs = await eventually(
      async () => (await h.db.order.count({ where: { saleId: sale.id } })) === reserved.length,
      `${reserved.length} orders in Postgres`,
      30_000,
    );
    const orders = await h.db.order.findMany({ where: { saleId: sale.id }, select: { userId: true } });
    expect(new Set(orders.map((order) => order.userId))).toEqual(new Set(buyerIds));

    const audit = await h.db.auditLog.findMany({
      where: { entityId: sale.id, action: "sale.update" },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((entry) => entry.after)).toEqual(
      lowered.ok ? [{ totalStock: 300 }, { totalStock: 260 }] : [{ totalStock: 300 }],
    );
    console.info(
      `live edits in a 500-shopper storm: ${reserved.length} reserved, ${soldOut.length} sold out, total ${finalTotal}; ` +
        `answered in ${Math.round(answeredMs)} ms, orders drained ${Math.round(drainMs)} ms later`,
    );
  }, 60_000);

  it("lowering while 300 shoppers reserve takes effect at once and keeps every reservation", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 400 });
    const shoppers = await createUsers(h.db, 300);
    const admin = h.caller(await newAdmin(h.db));
    const keys = saleKeys(h.namespace, sale.id);

    // 320 stays above anything 300 shoppers can hold, so the lower must succeed mid-storm.
    const [results, lowered] = await Promise.all([
      reserveAll(shoppers, sale.id),
      admin.admin.sale.update({ ...saleToFormState(sale, "UTC"), id: sale.id, totalStock: "320" }),
    ]);
    expect(lowered.totalStock).toBe(320);
    expect(results.filter((result) => result.outcome === "RESERVED")).toHaveLength(300);
    const hot = await h.redis.hmget<Record<string, string>>(keys.sale, "total", "stock");
    expect(Number(hot?.total)).toBe(320);
    expect(Number(hot?.stock)).toBe(20);
    expect(await h.redis.hlen(keys.buyers)).toBe(300);
    await eventually(
      async () => (await h.db.order.count({ where: { saleId: sale.id } })) === 300,
      "300 orders",
      30_000,
    );
  }, 60_000);
});
