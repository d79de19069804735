// The export's batches on the real database: a filtered export whose orders change state while it
// runs (holds paid or expiring mid-export) neither skips nor repeats the others.
import { describe, expect, it } from "vitest";
import { createArmedSale, createUsers, uniqueId } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import { allSaleOrders } from "./sale-orders";

const h = harnessForFile();

async function heldOrders(count: number) {
  const sale = await createArmedSale(h.deps, { totalStock: count });
  const users = await createUsers(h.db, count);
  const run = uniqueId("");
  await h.db.order.createMany({
    data: users.map((user, index) => ({
      saleId: sale.id,
      userId: user.id,
      reservationId: `rsv_${run}_${index}`,
      status: "HELD" as const,
      priceMinor: 4_999,
      currency: "USD",
      // Pairs share a millisecond, so the id breaks the tie.
      reservedAt: new Date(Date.UTC(2030, 0, 1, 12, 0, Math.floor(index / 2))),
      expiresAt: new Date(Date.UTC(2030, 0, 1, 12, 10)),
    })),
  });
  return sale;
}

describe("allSaleOrders", () => {
  it("an order leaving the filtered state between batches does not shift the next batch", async () => {
    const sale = await heldOrders(9);
    const seen: string[] = [];
    for await (const batch of allSaleOrders(h.db, sale.id, { state: "HELD", batchSize: 2 })) {
      seen.push(...batch.map((order) => order.id));
      // The last order of this batch is paid meanwhile: it no longer matches the filter.
      await h.db.order.update({ where: { id: batch.at(-1)!.id }, data: { status: "PAID" } });
    }
    const all = await h.db.order.findMany({
      where: { saleId: sale.id },
      orderBy: [{ reservedAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    expect(seen).toEqual(all.map((order) => order.id));
  });

  it("without a filter, every order once, in batches", async () => {
    const sale = await heldOrders(5);
    const batches: number[] = [];
    for await (const batch of allSaleOrders(h.db, sale.id, { batchSize: 2 })) batches.push(batch.length);
    expect(batches).toEqual([2, 2, 1]);
  });
});
