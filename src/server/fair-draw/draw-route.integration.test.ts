// A fair draw needs nobody at its start, on the real stack: publishing the sale schedules the draw
// message (not-before = the start), QStash calls POST /api/qstash/draw, and the route draws and
// persists. Books checked: Postgres ends with one HELD order per unit (the drawn winners), every
// entrant as a SaleEntrant with their position, the sale's drawnAt and drawEntrants; Redis's
// stock + held + paid = total. When a status poll runs the draw instead, the one draw message
// that draw publishes persists the same. A sale paused at its start draws nothing while paused
// (status polls, draw checks, reserves and the backstop all leave it), and is drawn by the message
// its resume schedules.
import { describe, expect, it } from "vitest";
import { runDraw } from "~/server/inventory/draw";
import { readHoldCounters } from "~/server/inventory/holds";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale, createUsers, eventually } from "~/testing/fixtures";
import { distinctBlock, mapConcurrently, moveStart, sleep } from "~/testing/fair-draw";
import { harnessForFile } from "~/testing/harness";

const h = harnessForFile();

const ENTRANTS = 20;
const UNITS = 5;

async function fairDrawWithLobby(state: "DRAFT" | "PUBLISHED") {
  const users = await createUsers(h.db, ENTRANTS);
  const sale = await createArmedSale(h.deps, {
    openingMode: "FAIR_DRAW",
    totalStock: UNITS,
    lobbyMinutes: 30,
    startsAt: new Date(Date.now() + 10 * 60_000),
    state,
  });
  return { users, sale };
}

async function enterAll(saleId: string, users: Array<{ id: string }>) {
  const outcomes = await mapConcurrently(users, 10, (user, index) =>
    h.services.lobby.enter({
      saleId,
      userId: user.id,
      origin: { addressBlock: distinctBlock(index), deviceId: `d-${index}` },
      clientIp: null,
    }),
  );
  expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
}

async function persistedDraw(saleId: string) {
  const [sale, held, entrants] = await Promise.all([
    h.db.sale.findUniqueOrThrow({ where: { id: saleId }, select: { drawnAt: true, drawEntrants: true } }),
    h.db.order.count({ where: { saleId, status: "HELD" } }),
    h.db.saleEntrant.findMany({ where: { saleId }, select: { drawPosition: true } }),
  ]);
  return { sale, held, entrants };
}

describe("the draw message", () => {
  it("publishing schedules it for the start; QStash's call draws and persists with nobody around", async () => {
    const { users, sale } = await fairDrawWithLobby("DRAFT");
    const [admin] = await createUsers(h.db, 1, "ADMIN");
    const start = new Date(Date.now() + 5_000);
    await h.db.sale.update({ where: { id: sale.id }, data: { startsAt: start } });
    const published = await h.services.admin.changeState(admin!.id, sale.id, "publish");
    expect(published.ok).toBe(true);
    await moveStart(h.deps, sale.id, start);
    // The lobby is open until the start (the publish armed it from Postgres).
    await enterAll(sale.id, users);
    // Nobody asks for anything from here on: only QStash can start the draw.
    expect(Date.now()).toBeLessThan(start.getTime());
    expect(await h.db.sale.findUniqueOrThrow({ where: { id: sale.id }, select: { drawnAt: true } })).toEqual({
      drawnAt: null,
    });

    // The draw's facts are recorded the moment it runs; the winners and entrants follow.
    await eventually(
      async () => {
        const done = await persistedDraw(sale.id);
        return done.sale.drawnAt !== null && done.held === UNITS && done.entrants.length === ENTRANTS;
      },
      "the draw in Postgres",
      20_000,
    );
    const done = await persistedDraw(sale.id);
    expect(done.sale.drawEntrants).toBe(ENTRANTS);
    expect(done.held).toBe(UNITS);
    expect(done.entrants.map((entrant) => entrant.drawPosition).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: ENTRANTS }, (_, index) => index + 1),
    );
    expect(done.sale.drawnAt!.getTime()).toBeGreaterThanOrEqual(start.getTime());
    const counters = await readHoldCounters(h.redis, h.namespace, sale.id);
    expect(counters).toMatchObject({ held: UNITS, stock: 0, waiting: ENTRANTS - UNITS });
  }, 60_000);

  it("a draw run by a status poll is persisted by the one message it publishes", async () => {
    const { users, sale } = await fairDrawWithLobby("PUBLISHED");
    await enterAll(sale.id, users);
    await moveStart(h.deps, sale.id, new Date());

    const status = await h.services.checkout.status({ saleId: sale.id, userId: users[0]!.id });
    expect(status.draw).toMatchObject({ entrants: ENTRANTS, units: UNITS });
    expect(["HELD", "WAITLISTED"]).toContain(status.state);
    expect(status.lobby).toBeNull();

    await eventually(
      async () => {
        const done = await persistedDraw(sale.id);
        return done.sale.drawnAt !== null && done.held === UNITS && done.entrants.length === ENTRANTS;
      },
      "the draw message to persist the draw",
      20_000,
    );
  }, 60_000);

  it("a sale paused at its start draws when it is resumed, and not before", async () => {
    const { users, sale } = await fairDrawWithLobby("PUBLISHED");
    const [admin] = await createUsers(h.db, 1, "ADMIN");
    await enterAll(sale.id, users);
    expect(await h.services.admin.changeState(admin!.id, sale.id, "pause")).toMatchObject({ ok: true });
    // The start passes while the sale is paused.
    await moveStart(h.deps, sale.id, new Date());

    // Nothing draws it while paused: a status poll, a draw check, a reserve, the backstop.
    expect(await h.services.checkout.status({ saleId: sale.id, userId: users[0]!.id })).toMatchObject({
      state: "IN_LOBBY",
      lobby: { entered: true, entrants: ENTRANTS },
      draw: null,
    });
    expect(await h.services.lobby.drawIfDue(sale.id)).toMatchObject({ ran: false });
    expect(await h.services.purchase.reserve({ saleId: sale.id, userId: users[1]!.id, clientIp: null })).toMatchObject({
      ok: false,
      reason: "PAUSED",
    });
    await h.services.lobby.drawAllDue();
    expect(await runDraw(h.redis, { namespace: h.namespace, saleId: sale.id })).toMatchObject({
      status: "NOT_DUE",
      state: "PAUSED",
    });
    await sleep(1_000);
    expect(await h.redis.hget(saleKeys(h.namespace, sale.id).sale, "drawnAt")).toBeNull();
    expect(await persistedDraw(sale.id)).toMatchObject({ sale: { drawnAt: null }, held: 0, entrants: [] });

    // Resumed: the resume schedules the draw message, and QStash's call draws with nobody around.
    const resumedAt = Date.now();
    expect(await h.services.admin.changeState(admin!.id, sale.id, "resume")).toMatchObject({ ok: true });
    await eventually(
      async () => {
        const done = await persistedDraw(sale.id);
        return done.sale.drawnAt !== null && done.held === UNITS && done.entrants.length === ENTRANTS;
      },
      "the resume's draw message to draw and persist",
      20_000,
    );
    const done = await persistedDraw(sale.id);
    expect(done.sale.drawnAt!.getTime()).toBeGreaterThanOrEqual(resumedAt);
    expect(done.sale.drawEntrants).toBe(ENTRANTS);
    expect(await readHoldCounters(h.redis, h.namespace, sale.id)).toMatchObject({
      held: UNITS,
      stock: 0,
      waiting: ENTRANTS - UNITS,
    });
  }, 60_000);
});
