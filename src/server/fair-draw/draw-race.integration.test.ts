// Requests racing a fair draw's start, on the real stack. 300 shoppers wait in the lobby for 100
// units; around the start, 150 shoppers who never entered ask to buy or queue, while many triggers
// (the draw script itself, several app instances' draw checks, status polls) race to run the draw.
// Books checked: the draw ran exactly once; every hold went to a lobby entrant; every shopper who
// came after the start is queued behind every lobby loser (their tickets are later) and none holds
// a unit; requests before the start were told to enter the lobby; stock + held + paid = total.
import { describe, expect, it } from "vitest";
import { runDraw, type DrawOutcome } from "~/server/inventory/draw";
import { readHoldCounters } from "~/server/inventory/holds";
import { saleKeys } from "~/server/inventory/keys";
import type { PurchaseOutcome } from "~/server/purchase/reserve-purchase";
import { createArmedSale, createUsers } from "~/testing/fixtures";
import { distinctBlock, mapConcurrently, moveStart, sleep } from "~/testing/fair-draw";
import { harnessForFile } from "~/testing/harness";

const h = harnessForFile();

const LOBBY = 300;
const UNITS = 100;
const LATE = 150;

describe("the start of a fair draw", () => {
  it("draws once however many race it, and nobody after the start gets ahead of the lobby", async () => {
    const entrants = await createUsers(h.db, LOBBY);
    const [early, ...late] = await createUsers(h.db, LATE + 1);
    const sale = await createArmedSale(h.deps, {
      openingMode: "FAIR_DRAW",
      totalStock: UNITS,
      lobbyMinutes: 30,
      startsAt: new Date(Date.now() + 10 * 60_000),
    });
    await mapConcurrently(entrants, 50, (user, index) =>
      h.services.lobby.enter({
        saleId: sale.id,
        userId: user.id,
        origin: { addressBlock: distinctBlock(index), deviceId: `lobby-${index}` },
        clientIp: null,
      }),
    );
    const start = Date.now() + 2_500;
    await moveStart(h.deps, sale.id, new Date(start));
    // Before the start, buying is not the way in.
    expect(
      await h.services.purchase.joinWaitlist({ saleId: sale.id, userId: early!.id, clientIp: null }),
    ).toMatchObject({ ok: false, reason: "LOBBY_OPEN" });

    // Three app instances, each with its own in-process single flight: only Redis can keep it to one.
    const instances = [h.services, h.servicesWith({}), h.servicesWith({})];
    const at = (offsetMs: number) => sleep(Math.max(0, start + offsetMs - Date.now()));
    const direct: Array<Promise<DrawOutcome>> = [];
    const triggers: Array<Promise<unknown>> = [];
    for (let i = 0; i < 30; i++) {
      const offset = (i % 10) * 15; // 0..135 ms after the start
      direct.push(at(offset).then(() => runDraw(h.redis, { namespace: h.namespace, saleId: sale.id })));
      triggers.push(at(offset).then(() => instances[i % 3]!.lobby.drawIfDue(sale.id)));
      triggers.push(
        at(offset).then(() => instances[i % 3]!.checkout.status({ saleId: sale.id, userId: entrants[i]!.id })),
      );
    }
    // Late shoppers spread from 300 ms before the start to 500 ms after it. Those sent before it may
    // reach Redis before it (told to enter the lobby) or after it (queued behind the lobby).
    const lateOutcomes: Array<Promise<{ userId: string; sentAt: number; outcome: PurchaseOutcome }>> = late.map(
      (user, index) => {
        const offset = -300 + Math.round((800 * index) / LATE);
        return at(offset).then(async () => {
          const sentAt = Date.now();
          const outcome = await instances[index % 3]!.purchase.joinWaitlist({
            saleId: sale.id,
            userId: user.id,
            clientIp: null,
            origin: { addressBlock: distinctBlock(1_000 + index), deviceId: `late-${index}` },
          });
          return { userId: user.id, sentAt, outcome };
        });
      },
    );
    const [drawn, , answered] = await Promise.all([
      Promise.all(direct),
      Promise.all(triggers),
      Promise.all(lateOutcomes),
    ]);

    // Exactly one run: by the script called directly, or by an app path (which logs it).
    const ranHere = drawn.filter((outcome) => outcome.status === "DRAWN").length;
    const ranInApp = h.events.filter((event) => event.event === "draw.ran" && event.fields.saleId === sale.id).length;
    expect(ranHere + ranInApp).toBe(1);
    const keys = saleKeys(h.namespace, sale.id);
    expect(Number(await h.redis.hget(keys.sale, "drawEntrants"))).toBe(LOBBY);

    // Every unit went to the lobby; every late shopper is behind every lobby loser.
    const lobbyIds = new Set(entrants.map((user) => user.id));
    const holders = (await h.redis.hkeys(keys.buyers)).map(String);
    expect(holders).toHaveLength(UNITS);
    for (const holder of holders) expect(lobbyIds.has(holder)).toBe(true);
    const queue = (await h.redis.zrange<string[]>(keys.waitlist, 0, -1)).map(String);
    const firstLate = queue.findIndex((id) => !lobbyIds.has(id));
    expect(firstLate).toBe(LOBBY - UNITS);
    expect(queue.slice(firstLate).every((id) => !lobbyIds.has(id))).toBe(true);

    for (const { sentAt, outcome } of answered) {
      expect(outcome.ok).toBe(false);
      const reason = (outcome as Extract<PurchaseOutcome, { ok: false }>).reason;
      if (sentAt >= start + 50) expect(reason).toBe("WAITLISTED");
      else expect(["LOBBY_OPEN", "WAITLISTED"]).toContain(reason);
      if (reason === "WAITLISTED") {
        expect((outcome as { position: number }).position).toBeGreaterThan(LOBBY - UNITS);
      }
    }
    const queuedLate = answered.filter(({ outcome }) => !outcome.ok && outcome.reason === "WAITLISTED").length;
    expect(queue).toHaveLength(LOBBY - UNITS + queuedLate);

    const counters = await readHoldCounters(h.redis, h.namespace, sale.id);
    expect(counters).toMatchObject({ held: UNITS, stock: 0, total: UNITS });
    expect(counters!.stock + counters!.held + counters!.paid).toBe(counters!.total);
  }, 120_000);
});
