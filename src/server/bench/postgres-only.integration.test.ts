// The benchmark's Postgres-only baseline must be as correct as the product's path, or comparing
// their speed means nothing: storm it through purchase.reserve with the bench's baseline services.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppSession } from "~/server/auth/session";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale, createUsers, sessionFor } from "~/testing/fixtures";
import { createHarness, type Harness } from "~/testing/harness";
import { createBenchServices } from "./bench-services";
import { BENCH_STOCK_TABLE_SQL, reserveWithPostgres } from "./postgres-only";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.db.$executeRawUnsafe(BENCH_STOCK_TABLE_SQL);
});
afterAll(async () => {
  await h.close();
});

/** A caller whose context took the Postgres path, as createTRPCContext does for an allowed header. */
const postgresCaller = (session: AppSession) => h.caller(session, null, createBenchServices(h.services).postgres);

async function saleWithPostgresStock(totalStock: number, fixture: Parameters<typeof createArmedSale>[1] = {}) {
  const sale = await createArmedSale(h.deps, { ...fixture, totalStock });
  await h.db.$executeRaw`INSERT INTO bench_pg_stock (sale_id, stock_left) VALUES (${sale.id}, ${totalStock})`;
  return sale;
}

const stockLeft = async (saleId: string) =>
  (
    await h.db.$queryRaw<Array<{ stock_left: number }>>`SELECT stock_left FROM bench_pg_stock WHERE sale_id = ${saleId}`
  )[0]?.stock_left;

const outcomeOf = (error: unknown) => (error instanceof TRPCError ? error.code : `unexpected: ${String(error)}`);

describe("Postgres-only reservation (bench baseline)", () => {
  it("300 shoppers, 30 of them firing three times at once, against 50 units: 50 orders, 50 people, stock 0", async () => {
    const users = await createUsers(h.db, 300);
    const sale = await saleWithPostgresStock(50);
    const attempts = users.flatMap((user, index) => Array.from({ length: index < 30 ? 3 : 1 }, () => user));

    const results = await Promise.all(
      attempts.map((user) =>
        postgresCaller(sessionFor(user))
          .purchase.reserve({ saleId: sale.id })
          .then((ok) => ({ userId: user.id, status: ok.status as string, reservationId: ok.reservationId as string }))
          .catch((error: unknown) => ({ userId: user.id, status: outcomeOf(error), reservationId: null })),
      ),
    );

    const reserved = results.filter((result) => result.status === "RESERVED");
    expect(reserved).toHaveLength(50);
    expect(new Set(reserved.map((result) => result.userId)).size).toBe(50);
    for (const result of results) expect(["RESERVED", "ALREADY_RESERVED", "CONFLICT"]).toContain(result.status);
    // A repeat answer names the reservation the shopper won, never a second one.
    const winners = new Map(reserved.map((result) => [result.userId, result.reservationId]));
    for (const repeat of results.filter((result) => result.status === "ALREADY_RESERVED")) {
      expect(repeat.reservationId).toBe(winners.get(repeat.userId));
    }

    const orders = await h.db.order.findMany({
      where: { saleId: sale.id },
      select: { userId: true, reservationId: true },
    });
    expect(orders).toHaveLength(50);
    expect(new Map(orders.map((order) => [order.userId, order.reservationId]))).toEqual(winners);
    expect(await stockLeft(sale.id)).toBe(0);
    // Redis was never touched: the product's counter still holds every unit.
    expect(Number(await h.redis.hget(saleKeys(h.namespace, sale.id).sale, "stock"))).toBe(50);
  }, 60_000);

  it("a refused attempt leaves nothing behind: sold out and closed sales roll back", async () => {
    const [first, second] = await createUsers(h.db, 2);
    const soldOut = await saleWithPostgresStock(0);
    await expect(reserveWithPostgres(h.db, { saleId: soldOut.id, userId: first!.id })).resolves.toEqual({
      ok: false,
      reason: "SOLD_OUT",
    });
    expect(await h.db.order.count({ where: { saleId: soldOut.id } })).toBe(0);

    const paused = await saleWithPostgresStock(5, { state: "PAUSED" });
    await expect(reserveWithPostgres(h.db, { saleId: paused.id, userId: second!.id })).resolves.toEqual({
      ok: false,
      reason: "PAUSED",
    });
    const later = await saleWithPostgresStock(5, { startsAt: new Date(Date.now() + 60_000) });
    await expect(reserveWithPostgres(h.db, { saleId: later.id, userId: second!.id })).resolves.toMatchObject({
      ok: false,
      reason: "NOT_STARTED",
    });
    await expect(reserveWithPostgres(h.db, { saleId: "no-such-sale", userId: second!.id })).resolves.toEqual({
      ok: false,
      reason: "UNKNOWN_SALE",
    });
    expect(await stockLeft(paused.id)).toBe(5);
    expect(await h.db.order.count({ where: { userId: second!.id } })).toBe(0);
  });

  it("without the switch's context the same procedure takes the Redis path", async () => {
    const [user] = await createUsers(h.db, 1);
    const sale = await saleWithPostgresStock(3);
    await expect(h.caller(sessionFor(user!)).purchase.reserve({ saleId: sale.id })).resolves.toMatchObject({
      status: "RESERVED",
    });
    expect(await stockLeft(sale.id)).toBe(3);
    expect(Number(await h.redis.hget(saleKeys(h.namespace, sale.id).sale, "stock"))).toBe(2);
  });
});
