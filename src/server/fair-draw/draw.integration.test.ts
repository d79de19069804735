// The fair draw at acceptance size on the real stack: 5,000 lobby entrants against 100 units.
// Books checked: exactly 100 holds at the start and 4,900 waitlisted in the recorded drawn order;
// Redis stock + held + paid = total; the sale's drawnAt and drawEntrants are in Postgres as soon as
// the draw returns; then, with nothing but the draw message the draw published (delivered by the
// local QStash to the draw route), Postgres gets 100 HELD orders (the drawn winners) and one
// SaleEntrant per entrant, and re-deriving the order with drawOrder(seed, tokens) from those rows
// and the sale's stored seed gives the same winners and positions. The draw's own time in Redis
// and the time until the message had filed it all are printed (figures the fair-opening page quotes).
import { describe, expect, it } from "vitest";
import { readHoldCounters } from "~/server/inventory/holds";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale, createUsers, eventually, sessionFor } from "~/testing/fixtures";
import { distinctBlock, mapConcurrently, moveStart } from "~/testing/fair-draw";
import { harnessForFile } from "~/testing/harness";
import { drawOrder, entryTokenOf } from "./draw-order";

const h = harnessForFile();

const ENTRANTS = 5_000;
const UNITS = 100;

describe("a fair draw of 5,000 entrants for 100 units", () => {
  it("holds exactly 100 at the start, queues 4,900 in drawn order, and re-derives from Postgres", async () => {
    const users = await createUsers(h.db, ENTRANTS);
    const sale = await createArmedSale(h.deps, {
      openingMode: "FAIR_DRAW",
      totalStock: UNITS,
      lobbyMinutes: 30,
      startsAt: new Date(Date.now() + 10 * 60_000),
    });

    const entering = performance.now();
    const entries = await mapConcurrently(users, 50, (user, index) =>
      h.services.lobby.enter({
        saleId: sale.id,
        userId: user.id,
        origin: { addressBlock: distinctBlock(index), deviceId: `device-${index}` },
        clientIp: null,
      }),
    );
    const enterMs = performance.now() - entering;
    expect(entries.filter((entry) => entry.ok && entry.status === "ENTERED")).toHaveLength(ENTRANTS);

    // Waiting for the draw: the lobby says so, with the honest count.
    const waiting = await h.services.checkout.status({ saleId: sale.id, userId: users[0]!.id });
    expect(waiting).toMatchObject({ state: "IN_LOBBY", lobby: { entrants: ENTRANTS, units: UNITS, entered: true } });
    expect(waiting.lobby!.entryToken).toBe(entryTokenOf(sale.drawCommitment!, users[0]!.id));

    await moveStart(h.deps, sale.id, new Date());
    const drawing = performance.now();
    const run = await h.services.lobby.drawIfDue(sale.id);
    const drawRoundTripMs = performance.now() - drawing;
    expect(run).toMatchObject({ ran: true, entrants: ENTRANTS, winners: UNITS });
    // Recorded by the draw's runner before it returned (the message files it only after every
    // entrant): a re-arm from here never draws again.
    expect(
      await h.db.sale.findUniqueOrThrow({ where: { id: sale.id }, select: { drawnAt: true, drawEntrants: true } }),
    ).toEqual({ drawnAt: run.drawnAt, drawEntrants: ENTRANTS });
    const logged = h.events.find((event) => event.event === "draw.ran" && event.fields.saleId === sale.id);
    expect(logged).toBeDefined();

    // Redis: 100 holds, 4,900 queued, the books balance.
    const counters = await readHoldCounters(h.redis, h.namespace, sale.id);
    expect(counters).toMatchObject({ stock: 0, held: UNITS, paid: 0, total: UNITS, waiting: ENTRANTS - UNITS });
    expect(counters!.stock + counters!.held + counters!.paid).toBe(counters!.total);
    const keys = saleKeys(h.namespace, sale.id);
    const drawn = (await h.redis.zrange<string[]>(keys.lobby, 0, -1)).map(String);
    const queue = (await h.redis.zrange<string[]>(keys.waitlist, 0, -1)).map(String);
    expect(drawn).toHaveLength(ENTRANTS);
    expect(queue).toEqual(drawn.slice(UNITS));

    // Nothing else is called: the draw message alone files the winners' orders and every entrant.
    await eventually(
      async () => {
        const [held, entrants] = await Promise.all([
          h.db.order.count({ where: { saleId: sale.id, status: "HELD" } }),
          h.db.saleEntrant.count({ where: { saleId: sale.id } }),
        ]);
        return held === UNITS && entrants === ENTRANTS;
      },
      "the draw message to file the winners' orders and every entrant",
      60_000,
    );
    const persistMs = performance.now() - drawing;

    // Postgres: every entrant with their position; the seed re-derives the same order.
    const stored = await h.db.sale.findUniqueOrThrow({
      where: { id: sale.id },
      select: { drawSeed: true, drawCommitment: true, drawnAt: true, drawEntrants: true },
    });
    expect(stored.drawnAt).not.toBeNull();
    expect(stored.drawEntrants).toBe(ENTRANTS);
    const rows = await h.db.saleEntrant.findMany({
      where: { saleId: sale.id },
      select: { userId: true, entryToken: true, drawPosition: true, via: true },
    });
    expect(rows).toHaveLength(ENTRANTS);
    for (const row of rows) {
      expect(row.via).toBe("LOBBY");
      expect(row.entryToken).toBe(entryTokenOf(stored.drawCommitment!, row.userId));
    }
    const rederived = drawOrder(
      stored.drawSeed!,
      rows.map((row) => row.entryToken),
    );
    const userOfToken = new Map(rows.map((row) => [row.entryToken, row.userId]));
    expect(rederived.map((token) => userOfToken.get(token))).toEqual(drawn);
    const positionOfToken = new Map(rederived.map((token, index) => [token, index + 1]));
    for (const row of rows) expect(row.drawPosition).toBe(positionOfToken.get(row.entryToken));

    const held = await h.db.order.findMany({ where: { saleId: sale.id }, select: { userId: true, status: true } });
    expect(held.filter((order) => order.status === "HELD")).toHaveLength(UNITS);
    expect(held.map((order) => order.userId).sort()).toEqual(drawn.slice(0, UNITS).sort());

    // What a winner and a loser see on their open page.
    const winner = await h.services.checkout.status({ saleId: sale.id, userId: drawn[0]! });
    expect(winner).toMatchObject({ state: "HELD", draw: { position: 1, entrants: ENTRANTS, seed: null } });
    const loser = await h.services.checkout.status({ saleId: sale.id, userId: drawn[UNITS + 41]! });
    expect(loser).toMatchObject({
      state: "WAITLISTED",
      waitlist: { position: 42, waiting: ENTRANTS - UNITS },
      draw: { position: UNITS + 42 },
    });
    // Nothing has ended yet: 100 unpaid holds at a guessed half back is 50; place 42 is possible.
    expect(loser.waitlist!.chance).toBe("POSSIBLE");
    // The page asks through order.status, for the signed-in shopper only: the winner's own answer.
    const winnerUser = users.find((user) => user.id === drawn[0])!;
    expect(await h.caller(sessionFor(winnerUser)).order.status({ saleId: sale.id })).toMatchObject({
      state: "HELD",
      hold: { kind: "RESERVATION", orderNumber: expect.stringMatching(/^SP-/) },
      draw: { position: 1, entryToken: entryTokenOf(sale.drawCommitment!, winnerUser.id) },
    });

    console.log(
      `fair draw, ${ENTRANTS} entrants for ${UNITS} units: draw ${String(logged!.fields.tookMs)} ms inside Redis ` +
        `(${drawRoundTripMs.toFixed(0)} ms round trip); entering ${enterMs.toFixed(0)} ms; ` +
        `filed by the draw message within ${persistMs.toFixed(0)} ms of the draw`,
    );
  }, 180_000);
});
