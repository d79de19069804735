// admin.monitor.adjustStock: "+10 / −10 units" through the editor's safe live-edit path. While 300
// shoppers reserve, two admins add and remove units at once and one tries to go below what is
// taken (the two on different instances): nothing is oversold, no press is lost, and Redis's books (stock + held + paid = total)
// agree with Postgres's total and the audit trail.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { errorOf, fieldErrorsOf, newAdmin } from "~/server/api/routers/admin/admin-testing";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale, createUsers, sessionFor } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";

const h = harnessForFile();

async function books(saleId: string) {
  const fields = await h.redis.hmget<Record<string, string | number | null>>(
    saleKeys(h.namespace, saleId).sale,
    "stock",
    "held",
    "paid",
    "total",
  );
  const [stock, held, paid, total] = ["stock", "held", "paid", "total"].map((field) => Number(fields?.[field] ?? NaN));
  return { stock: stock!, held: held!, paid: paid!, total: total! };
}

describe("adjusting a live sale's stock by units", () => {
  it("adds and removes units during a storm: no oversell, no press lost, books balanced, audited", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 100 });
    const shoppers = await createUsers(h.db, 300);
    const [first, second] = await Promise.all([newAdmin(h.db), newAdmin(h.db)]);
    const one = h.caller(first).admin.monitor;
    // The second admin on another instance: its own services, the same stores.
    const two = h.caller(second, null, h.servicesWith({})).admin.monitor;

    const storm = Promise.all(
      shoppers.map((shopper) =>
        h
          .caller(sessionFor(shopper))
          .purchase.reserve({ saleId: sale.id })
          .then((answer) => answer.status as string)
          .catch((error: unknown) => (error instanceof TRPCError ? error.code : String(error))),
      ),
    );
    // Two admins at once, several times each. The −10 is refused instead when the storm has taken
    // every unit by the time it runs; either way nothing may be lost.
    const settled = (promise: Promise<{ before: number; after: number }>) =>
      promise.then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error: error as TRPCError }),
      );
    const [answers, ...presses] = await Promise.all([
      storm,
      settled(one.adjustStock({ saleId: sale.id, delta: 10 })),
      settled(two.adjustStock({ saleId: sale.id, delta: 10 })),
      settled(one.adjustStock({ saleId: sale.id, delta: -10 })),
      settled(two.adjustStock({ saleId: sale.id, delta: 25 })),
      settled(one.adjustStock({ saleId: sale.id, delta: 10 })),
    ]);
    const applied = presses.flatMap((press) => (press.ok ? [press.value.after - press.value.before] : []));
    for (const press of presses) {
      if (press.ok) continue;
      expect(press.error.code).toBe("BAD_REQUEST");
      expect(press.error.message).toMatch(/already reserved, so the stock cannot go below/);
    }
    expect(applied.filter((delta) => delta > 0).sort((a, b) => a - b)).toEqual([10, 10, 10, 25]);
    const finalTotal = 100 + applied.reduce((sum, delta) => sum + delta, 0);
    const row = await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } });
    expect(row.totalStock).toBe(finalTotal);

    // After the storm: one unit below what is taken is refused, with the reason beside the field.
    const settledBooks = await books(sale.id);
    const taken = settledBooks.held + settledBooks.paid;
    const refused = await errorOf(two.adjustStock({ saleId: sale.id, delta: -(settledBooks.stock + 1) }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(refused).totalStock?.[0]).toBe(
      `${taken} units are already reserved, so the stock cannot go below ${taken}.`,
    );

    const reserved = answers.filter((answer) => answer === "RESERVED").length;
    expect(reserved + answers.filter((answer) => answer === "CONFLICT").length).toBe(300);
    const after = await books(sale.id);
    expect(after.total).toBe(finalTotal);
    expect(after.stock + after.held + after.paid).toBe(after.total);
    expect(after.held + after.paid).toBe(reserved);
    expect(reserved).toBeLessThanOrEqual(finalTotal);
    expect(await h.redis.hlen(saleKeys(h.namespace, sale.id).buyers)).toBe(reserved);

    // Audited: one row per press, each with its before and after; none for the refusal.
    const audit = await h.db.auditLog.findMany({
      where: { entityId: sale.id, action: { startsWith: "sale.stock_adjust" } },
    });
    expect(audit).toHaveLength(applied.length);
    expect(audit.every((entry) => entry.action === "sale.stock_adjust")).toBe(true);
    const deltas = audit.map((entry) => (entry.after as { delta: number }).delta).sort((a, b) => a - b);
    expect(deltas).toEqual([...applied].sort((a, b) => a - b));
    for (const entry of audit) {
      const before = (entry.before as { totalStock: number }).totalStock;
      const { totalStock, delta } = entry.after as { totalStock: number; delta: number };
      expect(totalStock).toBe(before + delta);
    }
  });

  it("answers the new figures and refuses what cannot be done, with a message", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 5 });
    const admin = h.caller(await newAdmin(h.db)).admin.monitor;
    const shoppers = await createUsers(h.db, 3);
    for (const shopper of shoppers) await h.caller(sessionFor(shopper)).purchase.reserve({ saleId: sale.id });

    await expect(admin.adjustStock({ saleId: sale.id, delta: 10 })).resolves.toEqual({
      saleId: sale.id,
      before: 5,
      after: 15,
      stockLeft: 12,
    });
    await expect(admin.adjustStock({ saleId: sale.id, delta: -10 })).resolves.toMatchObject({ after: 5, stockLeft: 2 });
    const belowTaken = await errorOf(admin.adjustStock({ saleId: sale.id, delta: -3 }));
    expect(belowTaken.code).toBe("BAD_REQUEST");
    expect(belowTaken.message).toBe("3 units are already reserved, so the stock cannot go below 3.");
    expect((await books(sale.id)).total).toBe(5);

    const ended = await createArmedSale(h.deps, { state: "ENDED" });
    const closed = await errorOf(admin.adjustStock({ saleId: ended.id, delta: 10 }));
    expect(closed).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "The stock cannot change after the sale has ended.",
    });

    const missing = await errorOf(admin.adjustStock({ saleId: "sale_missing000000", delta: 10 }));
    expect(missing.code).toBe("NOT_FOUND");

    for (const delta of [0, 1_001, -1_001, 1.5]) {
      expect((await errorOf(admin.adjustStock({ saleId: sale.id, delta }))).code).toBe("BAD_REQUEST");
    }
  });

  it("reads live counts for the list and the header", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 4, waitlistEnabled: true });
    const [shopper] = await createUsers(h.db, 1);
    await h.caller(sessionFor(shopper!)).purchase.reserve({ saleId: sale.id });
    const admin = h.caller(await newAdmin(h.db)).admin.monitor;
    const [counts, ...rest] = await admin.liveCounts({ saleIds: [sale.id, "sale_missing000000"] });
    expect(rest).toEqual([]);
    expect(counts).toMatchObject({ saleId: sale.id, status: "live", stockLeft: 3, totalStock: 4, reserved: 1 });
  });
});
