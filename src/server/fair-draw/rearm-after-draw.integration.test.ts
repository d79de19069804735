// A drawn sale that Redis loses before the draw message is delivered never draws again, on the
// real stack. The draw runs with no way to publish its message (no public URL), so only what its
// runner wrote at once reaches Postgres; the winners' holds reach it through the reconciler's
// journal pass. Then every key of the sale is deleted and the sale re-armed from Postgres.
// Books checked: Postgres has the draw (drawnAt, drawEntrants) the moment it ran; after the
// re-arm the draw answers ALREADY_DRAWN with its entrants and winners; status polls and a reserve
// after it draw nothing (one draw.ran, drawnAt and drawEntrants unchanged, no order beyond the
// winners'); Redis's stock + held + paid = total.
import { describe, expect, it } from "vitest";
import { rearmSale } from "~/server/inventory/arm-sale";
import { runDraw } from "~/server/inventory/draw";
import { readHoldCounters } from "~/server/inventory/holds";
import { dropHotState } from "~/server/inventory/hot-state";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale, createUsers } from "~/testing/fixtures";
import { distinctBlock, mapConcurrently, moveStart } from "~/testing/fair-draw";
import { harnessForFile } from "~/testing/harness";

const h = harnessForFile();

const ENTRANTS = 8;
const UNITS = 3;

describe("a re-arm after the draw", () => {
  it("restores the draw from Postgres and never runs a second one", async () => {
    const entrants = await createUsers(h.db, ENTRANTS);
    const [newcomer] = await createUsers(h.db, 1);
    const sale = await createArmedSale(h.deps, {
      openingMode: "FAIR_DRAW",
      totalStock: UNITS,
      lobbyMinutes: 30,
      startsAt: new Date(Date.now() + 10 * 60_000),
    });
    await mapConcurrently(entrants, 4, (user, index) =>
      h.services.lobby.enter({
        saleId: sale.id,
        userId: user.id,
        origin: { addressBlock: distinctBlock(index), deviceId: `d-${index}` },
        clientIp: null,
      }),
    );
    await moveStart(h.deps, sale.id, new Date());

    // An instance that cannot reach QStash: the draw's message is never sent.
    const cut = h.servicesWith({ deployment: { namespace: h.namespace, publicUrl: undefined } });
    const first = await cut.checkout.status({ saleId: sale.id, userId: entrants[0]!.id });
    expect(first.draw).toMatchObject({ entrants: ENTRANTS, units: UNITS });
    expect(h.events.some((e) => e.event === "draw.persist_message_failed" && e.fields.saleId === sale.id)).toBe(true);
    const recorded = await h.db.sale.findUniqueOrThrow({
      where: { id: sale.id },
      select: { drawnAt: true, drawEntrants: true },
    });
    expect(recorded.drawnAt).not.toBeNull();
    expect(recorded.drawEntrants).toBe(ENTRANTS);
    expect(await h.db.saleEntrant.count({ where: { saleId: sale.id } })).toBe(0);

    const keys = saleKeys(h.namespace, sale.id);
    const winners = (await h.redis.hkeys(keys.buyers)).map(String).sort();
    expect(winners).toHaveLength(UNITS);
    // The reconciler's journal pass brings the winners' holds to Postgres.
    await h.services.orders.reconcileSale(sale.id, { olderThanMs: 0 });
    expect(await h.db.order.count({ where: { saleId: sale.id, status: "HELD" } })).toBe(UNITS);

    // Redis loses every key of the sale; the sale is armed again from Postgres.
    await dropHotState(h.redis, h.namespace, sale.id);
    expect(await h.redis.exists(keys.sale, keys.lobby, keys.buyers)).toBe(0);
    await rearmSale(h.deps, sale.id);

    expect(await runDraw(h.redis, { namespace: h.namespace, saleId: sale.id })).toEqual({
      status: "ALREADY_DRAWN",
      entrants: ENTRANTS,
      winners: UNITS,
      drawnAt: recorded.drawnAt!.getTime(),
    });
    for (const user of entrants) {
      const status = await h.services.checkout.status({ saleId: sale.id, userId: user.id });
      expect(status.state).toBe(winners.includes(user.id) ? "HELD" : "NONE");
      expect(status.lobby).toBeNull();
    }
    const late = await h.services.purchase.reserve({ saleId: sale.id, userId: newcomer!.id, clientIp: null });
    expect(late).toMatchObject({ ok: false, reason: "SOLD_OUT" });

    expect(h.events.filter((e) => e.event === "draw.ran" && e.fields.saleId === sale.id)).toHaveLength(1);
    expect(
      await h.db.sale.findUniqueOrThrow({ where: { id: sale.id }, select: { drawnAt: true, drawEntrants: true } }),
    ).toEqual(recorded);
    expect(await h.db.order.count({ where: { saleId: sale.id } })).toBe(UNITS);
    expect((await h.redis.hkeys(keys.buyers)).map(String).sort()).toEqual(winners);
    const counters = await readHoldCounters(h.redis, h.namespace, sale.id);
    expect(counters).toMatchObject({ held: UNITS, stock: 0, total: UNITS });
    expect(counters!.stock + counters!.held + counters!.paid).toBe(counters!.total);
  }, 60_000);
});
