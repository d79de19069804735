// The reconciler's fair-draw backstop (drawAllDue), on the real stack. Books checked: a sale that
// ends before its draw (an admin's End, or its end passing) has its lobby entrants filed once, as
// SaleEntrant rows without a position, and is never drawn nor looked at again; a drawn sale whose
// draw message was never sent gets its entrants (with positions) and winners' orders persisted,
// and is then left alone.
import { describe, expect, it } from "vitest";
import { runDraw } from "~/server/inventory/draw";
import { adjustHotState } from "~/server/inventory/hot-state";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale, createUsers } from "~/testing/fixtures";
import { distinctBlock, mapConcurrently, moveStart } from "~/testing/fair-draw";
import { harnessForFile } from "~/testing/harness";
import { entryTokenOf } from "./draw-order";

const h = harnessForFile();

const ENTRANTS = 6;
const UNITS = 2;

async function lobbyOf(count: number) {
  const users = await createUsers(h.db, count);
  const [admin] = await createUsers(h.db, 1, "ADMIN");
  const sale = await createArmedSale(h.deps, {
    openingMode: "FAIR_DRAW",
    totalStock: UNITS,
    lobbyMinutes: 30,
    startsAt: new Date(Date.now() + 10 * 60_000),
  });
  const entered = await mapConcurrently(users, 3, (user, index) =>
    h.services.lobby.enter({
      saleId: sale.id,
      userId: user.id,
      origin: { addressBlock: distinctBlock(index), deviceId: `d-${index}` },
      clientIp: null,
    }),
  );
  expect(entered.every((outcome) => outcome.ok)).toBe(true);
  return { users, admin: admin!, sale };
}

/** What one backstop pass did with this sale: its `draw.backstop` events. */
async function backstopPass(saleId: string) {
  const before = h.events.length;
  await h.services.lobby.drawAllDue();
  return h.events
    .slice(before)
    .filter((event) => event.event === "draw.backstop" && event.fields.saleId === saleId)
    .map((event) => event.fields);
}

async function expectLobbyFiledWithoutPositions(sale: { id: string; drawCommitment: string | null }, ids: string[]) {
  const rows = await h.db.saleEntrant.findMany({
    where: { saleId: sale.id },
    select: { userId: true, via: true, drawPosition: true, entryToken: true },
  });
  expect(rows.map((row) => row.userId).sort()).toEqual([...ids].sort());
  for (const row of rows) {
    expect(row).toMatchObject({ via: "LOBBY", drawPosition: null });
    expect(row.entryToken).toBe(entryTokenOf(sale.drawCommitment!, row.userId));
  }
}

describe("the fair-draw backstop", () => {
  it("files the lobby of a sale an admin ended before its draw, once, and never draws it", async () => {
    const { users, admin, sale } = await lobbyOf(ENTRANTS);
    expect(await h.services.admin.changeState(admin.id, sale.id, "end")).toMatchObject({ ok: true });

    expect(await backstopPass(sale.id)).toEqual([{ saleId: sale.id, step: "file", filed: ENTRANTS }]);
    await expectLobbyFiledWithoutPositions(
      sale,
      users.map((user) => user.id),
    );
    // Filed: the next passes leave it alone.
    expect(await backstopPass(sale.id)).toEqual([]);
    expect(await runDraw(h.redis, { namespace: h.namespace, saleId: sale.id })).toMatchObject({
      status: "NOT_DUE",
      state: "ENDED",
    });
    expect(await h.redis.hget(saleKeys(h.namespace, sale.id).sale, "drawnAt")).toBeNull();
    expect(await h.db.sale.findUniqueOrThrow({ where: { id: sale.id }, select: { drawnAt: true } })).toEqual({
      drawnAt: null,
    });
  });

  it("files the lobby of a sale whose end passed before its draw", async () => {
    const { users, sale } = await lobbyOf(ENTRANTS);
    const endsAt = new Date(Date.now() - 1_000);
    const startsAt = new Date(endsAt.getTime() - 60_000);
    await h.db.sale.update({ where: { id: sale.id }, data: { startsAt, endsAt } });
    expect(await adjustHotState(h.redis, h.namespace, sale.id, { startsAt, endsAt })).toMatchObject({ ok: true });

    expect(await backstopPass(sale.id)).toEqual([{ saleId: sale.id, step: "file", filed: ENTRANTS }]);
    await expectLobbyFiledWithoutPositions(
      sale,
      users.map((user) => user.id),
    );
    expect(await backstopPass(sale.id)).toEqual([]);
  });

  it("persists a drawn sale whose draw message was never sent, then leaves it", async () => {
    const { sale } = await lobbyOf(ENTRANTS);
    await moveStart(h.deps, sale.id, new Date());
    const cut = h.servicesWith({ deployment: { namespace: h.namespace, publicUrl: undefined } });
    expect(await cut.lobby.drawIfDue(sale.id)).toMatchObject({ ran: true, entrants: ENTRANTS, winners: UNITS });
    expect(await h.db.saleEntrant.count({ where: { saleId: sale.id } })).toBe(0);

    expect(await backstopPass(sale.id)).toEqual([{ saleId: sale.id, step: "file", filed: ENTRANTS }]);
    const rows = await h.db.saleEntrant.findMany({ where: { saleId: sale.id }, select: { drawPosition: true } });
    expect(rows.map((row) => row.drawPosition).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: ENTRANTS }, (_, index) => index + 1),
    );
    expect(await h.db.order.count({ where: { saleId: sale.id, status: "HELD" } })).toBe(UNITS);
    expect(await backstopPass(sale.id)).toEqual([]);
  });
});
