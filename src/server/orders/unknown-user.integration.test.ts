// A valid session whose user is not in Postgres (an account deleted while its cookie lives on):
// Redis grants it a unit, but the order can never be persisted. The unit must come back to stock,
// exactly once, and that session must be refused from then on.
// Books checked: stock + buyers = total in Redis, no order row, the journal empty.
import { describe, expect, it } from "vitest";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale, createUsers, eventually, sessionFor, uniqueId } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";

const h = harnessForFile();

describe("a reservation for a shopper who does not exist", () => {
  it("gives its unit back once, writes no order, and refuses that session from then on", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 2 });
    const ghost = sessionFor({ id: uniqueId("ghost_"), email: `${uniqueId("ghost")}@stampede.test`, role: "SHOPPER" });
    const [real] = await createUsers(h.db, 1);
    const keys = saleKeys(h.namespace, sale.id);

    await expect(h.caller(ghost).purchase.reserve({ saleId: sale.id })).resolves.toMatchObject({ status: "RESERVED" });
    await expect(h.caller(sessionFor(real!)).purchase.reserve({ saleId: sale.id })).resolves.toMatchObject({
      status: "RESERVED",
    });

    // The delivery finds no such user: the unit returns to stock and the ghost leaves the buyers.
    await eventually(
      async () => Number(await h.redis.hget(keys.sale, "stock")) === 1,
      "the ghost's unit back in stock",
    );
    await eventually(async () => (await h.redis.zcard(keys.pending)) === 0, "the journal settled");
    expect(await h.redis.hget(keys.buyers, ghost.user.id)).toBeNull();
    expect(await h.redis.hlen(keys.buyers)).toBe(1);
    expect(await h.db.order.count({ where: { saleId: sale.id } })).toBe(1);
    expect(h.events.some((e) => e.event === "order.unknown_user" && e.fields.unitReturned === true)).toBe(true);

    // The books balance: Redis stock + buyers = total, one order, nothing pending.
    const ledger = await h.services.orders.reconcileSale(sale.id, { olderThanMs: 0 });
    expect(ledger).toMatchObject({ total: 2, stockLeft: 1, buyers: 1, persisted: 1, problems: [] });

    // From now on the session is refused outright, on every protected procedure.
    await eventually(
      async () =>
        (await h
          .caller(ghost)
          .purchase.reserve({ saleId: sale.id })
          .then(
            () => "allowed",
            (error: { code?: string }) => error.code,
          )) === "UNAUTHORIZED",
      "the ghost session refused",
    );
    await expect(h.caller(ghost).order.status({ saleId: sale.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(Number(await h.redis.hget(keys.sale, "stock"))).toBe(1);
  });
});
