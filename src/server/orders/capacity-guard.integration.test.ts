// Postgres guards capacity whatever Redis says. Redis is made to grant more units than the sale has
// (as it could after losing its state); Postgres must hold at most totalStock orders, record the
// rest as REFUSED_OVERSOLD (earliest reservations first), and tell each shopper where they stand.
// Books checked: orders holding a unit ≤ total; soldCount = those orders; one row per shopper;
// every acknowledged reservation is exactly one row (an order or a visible refusal).
import { describe, expect, it } from "vitest";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale, createUsers, eventually, sessionFor } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import { newReservationId } from "~/server/inventory/reserve-unit";
import { persistReservations } from "./persist-order";

const h = harnessForFile();

describe("the capacity guard", () => {
  it("Redis grants 8 of 5 units: 5 orders, 3 visible refusals, every shopper told", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 5 });
    // Redis believes there are 8 units: what a re-arm that missed in-flight orders would do.
    await h.redis.hset(saleKeys(h.namespace, sale.id).sale, { stock: 8, total: 8 });
    const shoppers = await createUsers(h.db, 8);
    for (const shopper of shoppers) {
      await expect(h.caller(sessionFor(shopper)).purchase.reserve({ saleId: sale.id })).resolves.toMatchObject({
        status: "RESERVED",
      });
    }
    await eventually(async () => (await h.db.order.count({ where: { saleId: sale.id } })) === 8, "8 rows");

    const orders = await h.db.order.findMany({ where: { saleId: sale.id }, orderBy: { reservedAt: "asc" } });
    expect(orders.filter((o) => o.status === "HELD")).toHaveLength(5);
    expect(orders.filter((o) => o.status === "REFUSED_OVERSOLD")).toHaveLength(3);
    expect((await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } })).soldCount).toBe(5);

    const views = await Promise.all(
      shoppers.map((shopper) => h.caller(sessionFor(shopper)).order.status({ saleId: sale.id })),
    );
    expect(views.filter((view) => view.state === "HELD")).toHaveLength(5);
    expect(views.filter((view) => view.state === "REFUSED")).toHaveLength(3);

    const ledger = await h.services.orders.reconcileSale(sale.id, { olderThanMs: 0 });
    expect(ledger).toMatchObject({ persisted: 5, refusedOversold: 3, soldCount: 5 });
    expect(ledger.problems.join("\n")).toMatch(/3 acknowledged reservations were refused as oversold/);
  });

  it("40 overlapping batches racing for 10 units never take more than 10, and each shopper gets one row", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 10 });
    const shoppers = await createUsers(h.db, 30);
    const reservations = shoppers.map((shopper, index) => ({
      userId: shopper.id,
      reservationId: newReservationId(),
      reservedAt: Date.now() - 1_000 + index,
    }));
    // Each batch carries a random overlapping slice, as concurrent deliveries with group commit do.
    const batches = Array.from({ length: 40 }, () =>
      reservations.filter(() => Math.random() < 0.4).concat(reservations[Math.floor(Math.random() * 30)]!),
    );
    await Promise.all(batches.map((batch) => persistReservations(h.db, sale.id, batch)));
    await persistReservations(h.db, sale.id, reservations);

    const orders = await h.db.order.findMany({ where: { saleId: sale.id } });
    expect(orders).toHaveLength(30);
    expect(new Set(orders.map((o) => o.userId)).size).toBe(30);
    const confirmed = orders.filter((o) => o.status === "HELD");
    expect(confirmed).toHaveLength(10);
    expect((await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } })).soldCount).toBe(10);
  });

  it("a refused shopper granted a unit again is honoured once a unit is free, and only then", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 2 });
    const [alice, bob, carol] = await createUsers(h.db, 3);
    const at = Date.now();
    const reservation = (userId: string, offset: number) => ({
      userId,
      reservationId: newReservationId(),
      reservedAt: at + offset,
    });
    await persistReservations(h.db, sale.id, [reservation(alice!.id, 0), reservation(bob!.id, 1)]);
    const refused = reservation(carol!.id, 2);
    expect((await persistReservations(h.db, sale.id, [refused])).get(refused.reservationId)).toMatchObject({
      status: "REFUSED_OVERSOLD",
    });

    // Redis, re-armed without her, grants Carol a unit again while none is free: still refused.
    const again = reservation(carol!.id, 3);
    expect((await persistReservations(h.db, sale.id, [again])).get(again.reservationId)).toMatchObject({
      status: "REFUSED_OVERSOLD",
    });
    // A unit is added; her next grant turns the refusal into her order.
    await h.db.sale.update({ where: { id: sale.id }, data: { totalStock: 3 } });
    const third = reservation(carol!.id, 4);
    expect((await persistReservations(h.db, sale.id, [third])).get(third.reservationId)).toMatchObject({
      status: "CREATED",
    });
    expect((await persistReservations(h.db, sale.id, [third])).get(third.reservationId)).toMatchObject({
      status: "DUPLICATE",
    });
    const carolsOrders = await h.db.order.findMany({ where: { saleId: sale.id, userId: carol!.id } });
    expect(carolsOrders).toMatchObject([{ status: "HELD", reservationId: third.reservationId }]);
    expect((await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } })).soldCount).toBe(3);
  });
});
