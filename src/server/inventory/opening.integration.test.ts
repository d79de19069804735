// A fair opening in a sale's hot state, on the real stack: arming and admin edits carry the mode,
// lobby, seed and admission rules; a fair draw keeps its waitlist and the seed it drew with; a
// re-arm after Redis lost the sale never draws again (and counts the draw's winners back from the
// records); a free sale's draw confirms its winners; an entrant who already holds a unit keeps
// their place and takes no second one. Books checked after each draw: stock + held + paid = total.
import { describe, expect, it } from "vitest";
import { drawOrder, entryTokenOf, newDrawSeed } from "~/server/fair-draw/draw-order";
import { createArmedSale, uniqueId } from "~/testing/fixtures";
import { moveStart } from "~/testing/fair-draw";
import { harnessForFile } from "~/testing/harness";
import { armSaleInRedis, rearmSale } from "./arm-sale";
import { parseBuyerRecord } from "./buyer-record";
import { runDraw } from "./draw";
import { enterLobby } from "./enter-lobby";
import { readHoldCounters } from "./holds";
import { adjustHotState, dropHotState, readHotState } from "./hot-state";
import { saleKeys } from "./keys";
import { newReservationId } from "./reserve-unit";

const h = harnessForFile();

async function books(saleId: string) {
  const counters = await readHoldCounters(h.redis, h.namespace, saleId);
  expect(counters!.stock + counters!.held + counters!.paid).toBe(counters!.total);
  return counters!;
}

const fairDraw = (
  extra: { totalStock?: number; priceMinor?: number; challengeCost?: number; minAccountAgeDays?: number } = {},
) =>
  createArmedSale(h.deps, {
    openingMode: "FAIR_DRAW",
    lobbyMinutes: 30,
    startsAt: new Date(Date.now() + 10 * 60_000),
    ...extra,
  });

describe("a fair opening in Redis", () => {
  it("is armed with its mode, lobby, seed and rules, and always keeps its waitlist", async () => {
    const sale = await fairDraw({ challengeCost: 500, minAccountAgeDays: 3 });
    const keys = saleKeys(h.namespace, sale.id);
    const fields = await h.redis.hmget<Record<string, unknown>>(
      keys.sale,
      "mode",
      "lobbyAt",
      "seed",
      "commit",
      "pow",
      "minAgeMs",
      "waitlist",
    );
    expect(fields).toMatchObject({
      mode: "draw",
      lobbyAt: sale.startsAt.getTime() - 30 * 60_000,
      pow: 1,
      minAgeMs: 3 * 86_400_000,
      waitlist: 1,
    });
    expect(String(fields!.commit)).toBe(sale.drawCommitment);
    expect(await adjustHotState(h.redis, h.namespace, sale.id, { waitlistEnabled: false })).toMatchObject({ ok: true });
    expect(Number(await h.redis.hget(keys.sale, "waitlist"))).toBe(1);
    // Moving the start moves the lobby's opening with it.
    const later = new Date(sale.startsAt.getTime() + 60_000);
    await adjustHotState(h.redis, h.namespace, sale.id, { startsAt: later });
    expect(Number(await h.redis.hget(keys.sale, "lobbyAt"))).toBe(later.getTime() - 30 * 60_000);
    expect(await readHotState(h.redis, h.namespace, sale.id)).toMatchObject({
      openingMode: "FAIR_DRAW",
      drawnAt: null,
    });
  });

  it("keeps the seed it drew with, and a re-arm after Redis lost the sale does not draw again", async () => {
    const sale = await fairDraw({ totalStock: 2 });
    const run = uniqueId("o");
    for (const user of ["a", "b", "c"]) {
      expect(
        await enterLobby(h.redis, { namespace: h.namespace, saleId: sale.id, userId: `${run}_${user}` }),
      ).toMatchObject({ ok: true, status: "ENTERED" });
    }
    await moveStart(h.deps, sale.id, new Date());
    const drawn = await runDraw(h.redis, { namespace: h.namespace, saleId: sale.id });
    expect(drawn).toMatchObject({ status: "DRAWN", drawn: { entrants: 3 } });
    expect(await books(sale.id)).toMatchObject({ held: 2, stock: 0, waiting: 1 });

    const other = newDrawSeed();
    await adjustHotState(h.redis, h.namespace, sale.id, { draw: other, openingMode: "FIRST_COME" });
    const keys = saleKeys(h.namespace, sale.id);
    expect(String(await h.redis.hget(keys.sale, "seed"))).toBe(sale.drawSeed);
    expect(await h.redis.hget(keys.sale, "mode")).toBe("draw");

    // Postgres recorded the draw; Redis loses everything; the re-arm brings the draw's record back.
    await h.db.sale.update({ where: { id: sale.id }, data: { drawnAt: new Date(), drawEntrants: 3 } });
    await dropHotState(h.redis, h.namespace, sale.id);
    await rearmSale(h.deps, sale.id);
    expect(await runDraw(h.redis, { namespace: h.namespace, saleId: sale.id })).toMatchObject({
      status: "ALREADY_DRAWN",
      entrants: 3,
    });
  });

  it("a free sale's draw confirms its winners at once", async () => {
    const sale = await fairDraw({ totalStock: 2, priceMinor: 0 });
    const run = uniqueId("f");
    for (const user of ["a", "b", "c", "d"]) {
      await enterLobby(h.redis, { namespace: h.namespace, saleId: sale.id, userId: `${run}_${user}` });
    }
    await moveStart(h.deps, sale.id, new Date());
    const drawn = await runDraw(h.redis, { namespace: h.namespace, saleId: sale.id });
    expect(drawn.status).toBe("DRAWN");
    if (drawn.status !== "DRAWN") return;
    expect(drawn.drawn.winners).toHaveLength(2);
    expect(drawn.drawn.winners.every((winner) => winner.expiresAt === null)).toBe(true);
    expect(await books(sale.id)).toMatchObject({ paid: 2, held: 0, stock: 0, waiting: 2 });
  });

  it("skips an entrant who already holds a unit: they keep it and their place, and take no second one", async () => {
    const sale = await fairDraw({ totalStock: 3 });
    const run = uniqueId("k");
    const entrants = ["a", "b", "c", "d", "e", "f"].map((user) => `${run}_${user}`);
    for (const userId of entrants) {
      await enterLobby(h.redis, { namespace: h.namespace, saleId: sale.id, userId });
    }
    // A re-arm from Postgres brings back a hold one entrant already has (an offer, say): nobody can
    // hold a unit before a fair draw's start, but the records are Postgres's to restore. The holder
    // is the one the seed draws first, so a draw that did not skip them would give them a unit.
    const tokens = new Map(entrants.map((userId) => [entryTokenOf(sale.drawCommitment!, userId), userId]));
    const holder = tokens.get(drawOrder(sale.drawSeed!, [...tokens.keys()])[0]!)!;
    const offer = {
      userId: holder,
      reservationId: newReservationId(),
      reservedAt: new Date(),
      status: "HELD",
      expiresAt: new Date(Date.now() + 5 * 60_000),
      holdKind: "OFFER",
    };
    await armSaleInRedis(h.redis, h.namespace, sale, [offer]);
    expect(await books(sale.id)).toMatchObject({ held: 1, stock: 2 });
    const keys = saleKeys(h.namespace, sale.id);
    const recordBefore = await h.redis.hget(keys.buyers, holder);

    await moveStart(h.deps, sale.id, new Date());
    const drawn = await runDraw(h.redis, { namespace: h.namespace, saleId: sale.id });
    expect(drawn.status).toBe("DRAWN");
    if (drawn.status !== "DRAWN") return;
    const order = (await h.redis.zrange<string[]>(keys.lobby, 0, -1)).map(String);
    expect(order).toHaveLength(entrants.length);
    expect(order[0]).toBe(holder);
    expect(Number(await h.redis.zscore(keys.lobby, holder))).toBe(1);
    const others = order.filter((user) => user !== holder);
    expect(drawn.drawn.entrants).toBe(entrants.length);
    expect(drawn.drawn.winners.map((winner) => winner.userId)).toEqual(others.slice(0, 2));
    expect((await h.redis.zrange<string[]>(keys.waitlist, 0, -1)).map(String)).toEqual(others.slice(2));
    expect(await h.redis.hget(keys.buyers, holder)).toEqual(recordBefore);
    expect(parseBuyerRecord(String(recordBefore))).toMatchObject({ reservationId: offer.reservationId, kind: "OFFER" });
    expect(await h.redis.hlen(keys.buyers)).toBe(3);
    expect(await books(sale.id)).toMatchObject({ held: 3, stock: 0, paid: 0, waiting: entrants.length - 3 });
  });
});
