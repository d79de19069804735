// Arrival time in the lobby does not matter, on the real stack. In each of ROUNDS fresh sales
// (each with its own seed) the FAST entrants enter first and finish before anyone else starts,
// then the rest of the ENTRANTS enter; the draw gives UNITS holds. Books checked: every draw gives
// exactly UNITS holds (so everyone's win rate is UNITS / ENTRANTS = 0.1), stock + held + paid = total.
//
// The test: the fast group's win rate over all rounds against everyone's. A fast entrant wins
// with probability p = 0.1 in each round (hypergeometric, whose spread is below the binomial's), so
// over n = ROUNDS × FAST = 500 tries the fast rate's standard deviation is at most
// sqrt(p(1-p)/n) ≈ 0.0134. Bound: |rate_fast - rate_all| <= 4 standard deviations ≈ 0.054; a fair
// draw fails it about once in 16,000 runs. The control applies the same bound to the order an
// unfair opening would use (arrival: first in, first served), from the same lobbies: there every
// fast entrant wins, and the control must fail the bound — so the bound can tell the two apart.
import { describe, expect, it } from "vitest";
import { runDraw } from "~/server/inventory/draw";
import { enterLobby } from "~/server/inventory/enter-lobby";
import { readHoldCounters } from "~/server/inventory/holds";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale, uniqueId } from "~/testing/fixtures";
import { mapConcurrently, moveStart } from "~/testing/fair-draw";
import { harnessForFile } from "~/testing/harness";

const h = harnessForFile();

const ROUNDS = 5;
const ENTRANTS = 2_000;
const FAST = 100;
const UNITS = 200;

function withinBound(fastWins: number, tries: number, p: number) {
  const sd = Math.sqrt((p * (1 - p)) / tries);
  return { gap: Math.abs(fastWins / tries - p), bound: 4 * sd };
}

describe("a fair draw ignores arrival time", () => {
  it("the fastest entrants win at everyone's rate, within four standard deviations", async () => {
    let fastWins = 0;
    let fastWinsByArrival = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const sale = await createArmedSale(h.deps, {
        openingMode: "FAIR_DRAW",
        totalStock: UNITS,
        lobbyMinutes: 30,
        startsAt: new Date(Date.now() + 10 * 60_000),
      });
      const run = uniqueId("a");
      const ids = Array.from({ length: ENTRANTS }, (_, index) => `${run}_${index}`);
      const enter = (userId: string) => enterLobby(h.redis, { namespace: h.namespace, saleId: sale.id, userId });
      await mapConcurrently(ids.slice(0, FAST), 20, enter);
      await mapConcurrently(ids.slice(FAST), 50, enter);

      // Arrival order as Redis recorded it: the fast group really came first.
      const keys = saleKeys(h.namespace, sale.id);
      const arrival = (await h.redis.zrange<string[]>(keys.lobby, 0, -1)).map(String);
      expect(arrival).toHaveLength(ENTRANTS);
      expect(new Set(arrival.slice(0, FAST))).toEqual(new Set(ids.slice(0, FAST)));

      await moveStart(h.deps, sale.id, new Date());
      const drawn = await runDraw(h.redis, { namespace: h.namespace, saleId: sale.id });
      expect(drawn.status).toBe("DRAWN");
      const counters = await readHoldCounters(h.redis, h.namespace, sale.id);
      expect(counters).toMatchObject({ held: UNITS, stock: 0, total: UNITS, waiting: ENTRANTS - UNITS });

      const winners = new Set((await h.redis.hkeys(keys.buyers)).map(String));
      expect(winners.size).toBe(UNITS);
      fastWins += ids.slice(0, FAST).filter((id) => winners.has(id)).length;
      // The control: first come, first served over the same lobby.
      const byArrival = new Set(arrival.slice(0, UNITS));
      fastWinsByArrival += ids.slice(0, FAST).filter((id) => byArrival.has(id)).length;
    }

    const p = UNITS / ENTRANTS;
    const tries = ROUNDS * FAST;
    const fair = withinBound(fastWins, tries, p);
    const control = withinBound(fastWinsByArrival, tries, p);
    console.log(
      `arrival: fastest ${FAST} of ${ENTRANTS} over ${ROUNDS} draws won ${fastWins}/${tries} ` +
        `(rate ${(fastWins / tries).toFixed(3)} vs everyone's ${p}; |gap| ${fair.gap.toFixed(4)} <= ${fair.bound.toFixed(4)}); ` +
        `first come would have given them ${fastWinsByArrival}/${tries}`,
    );
    expect(control.gap).toBeGreaterThan(control.bound);
    expect(fair.gap).toBeLessThanOrEqual(fair.bound);
  }, 180_000);
});
