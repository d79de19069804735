// A shopper's status once a draw or a released unit can no longer reach them, on the real stack.
// Books checked: a lobby entrant is IN_LOBBY only while the draw may still run (published, or
// paused until it resumes, before the end); once an admin ends the sale, or its end passes, before
// the draw, they stand nowhere (NONE, no lobby); after Redis lost the lobby and the sale was
// re-armed they are told they are not in it. A waitlisted shopper's chance counts only unpaid
// holds that end before the sale does, and is "unlikely" once the sale has ended (released units
// go back to stock then), when nobody can join the queue either.
import { describe, expect, it } from "vitest";
import { rearmSale } from "~/server/inventory/arm-sale";
import { adjustHotState, dropHotState } from "~/server/inventory/hot-state";
import { reserveUnit } from "~/server/inventory/reserve-unit";
import { createArmedSale, createUsers } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";

const h = harnessForFile();

const MINUTE = 60_000;

async function lobbyWithEntrant() {
  const [shopper] = await createUsers(h.db, 1);
  const [admin] = await createUsers(h.db, 1, "ADMIN");
  const sale = await createArmedSale(h.deps, {
    openingMode: "FAIR_DRAW",
    totalStock: 3,
    lobbyMinutes: 30,
    startsAt: new Date(Date.now() + 10 * MINUTE),
  });
  const entered = await h.services.lobby.enter({
    saleId: sale.id,
    userId: shopper!.id,
    origin: { addressBlock: "192.0.2.0/24", deviceId: "d1" },
    clientIp: null,
  });
  expect(entered).toMatchObject({ ok: true, status: "ENTERED" });
  const status = () => h.services.checkout.status({ saleId: sale.id, userId: shopper!.id });
  return { sale, shopper: shopper!, admin: admin!, status };
}

describe("a lobby entrant's status", () => {
  it("stays IN_LOBBY while paused, and is NONE with no lobby once the admin ends the sale before the draw", async () => {
    const { sale, admin, status } = await lobbyWithEntrant();
    expect(await status()).toMatchObject({ state: "IN_LOBBY", lobby: { entered: true, entrants: 1 } });

    // Paused, the draw still runs when the sale resumes: the entrant is still in the lobby.
    expect(await h.services.admin.changeState(admin.id, sale.id, "pause")).toMatchObject({ ok: true });
    expect(await status()).toMatchObject({ state: "IN_LOBBY", lobby: { entered: true } });

    expect(await h.services.admin.changeState(admin.id, sale.id, "end")).toMatchObject({ ok: true });
    expect(await status()).toMatchObject({ state: "NONE", lobby: null, draw: null, waitlist: null });
  });

  it("is NONE with no lobby once the end has passed without a draw", async () => {
    const { sale, status } = await lobbyWithEntrant();
    const past = new Date(Date.now() - 1_000);
    expect(
      await adjustHotState(h.redis, h.namespace, sale.id, {
        startsAt: new Date(past.getTime() - MINUTE),
        endsAt: past,
      }),
    ).toMatchObject({ ok: true });
    expect(await status()).toMatchObject({ state: "NONE", lobby: null, draw: null });
  });

  it("says not entered after Redis lost the lobby and the sale was re-armed", async () => {
    const { sale, status } = await lobbyWithEntrant();
    await dropHotState(h.redis, h.namespace, sale.id);
    await rearmSale(h.deps, sale.id);
    expect(await status()).toMatchObject({ state: "NONE", lobby: { entered: false, entrants: 0, entryToken: null } });
  });
});

async function soldOutWithQueue(endsInMs: number) {
  const [holder, queued, late] = await createUsers(h.db, 3);
  const [admin] = await createUsers(h.db, 1, "ADMIN");
  const sale = await createArmedSale(h.deps, {
    totalStock: 1,
    holdSeconds: 600,
    waitlistEnabled: true,
    endsAt: new Date(Date.now() + endsInMs),
  });
  const reserve = (userId: string, joinWaitlist = false) =>
    reserveUnit(h.redis, { namespace: h.namespace, saleId: sale.id, userId, joinWaitlist });
  expect(await reserve(holder!.id)).toMatchObject({ ok: true, status: "RESERVED" });
  expect(await reserve(queued!.id, true)).toMatchObject({ ok: false, reason: "WAITLISTED", position: 1 });
  return {
    sale,
    admin: admin!,
    queuedStatus: () => h.services.checkout.status({ saleId: sale.id, userId: queued!.id }),
    lateStatus: () => h.services.checkout.status({ saleId: sale.id, userId: late!.id }),
  };
}

describe("a waitlisted shopper's chance", () => {
  it("is possible at the head of the queue while the one unpaid hold ends before the sale", async () => {
    const { queuedStatus, lateStatus } = await soldOutWithQueue(60 * MINUTE);
    expect(await queuedStatus()).toMatchObject({ state: "WAITLISTED", waitlist: { position: 1, chance: "POSSIBLE" } });
    expect(await lateStatus()).toMatchObject({ state: "NONE", canJoinWaitlist: true });
  });

  it("is unlikely when the only unpaid hold ends after the sale does", async () => {
    // The hold lasts ten minutes, the sale five: when it lapses the unit goes back to stock.
    const { queuedStatus } = await soldOutWithQueue(5 * MINUTE);
    expect(await queuedStatus()).toMatchObject({ state: "WAITLISTED", waitlist: { position: 1, chance: "UNLIKELY" } });
  });

  it("is unlikely once the sale has ended, and nobody is offered the queue any more", async () => {
    const { sale, admin, queuedStatus, lateStatus } = await soldOutWithQueue(60 * MINUTE);
    expect(await h.services.admin.changeState(admin.id, sale.id, "end")).toMatchObject({ ok: true });
    expect(await queuedStatus()).toMatchObject({ state: "WAITLISTED", waitlist: { position: 1, chance: "UNLIKELY" } });
    expect(await lateStatus()).toMatchObject({ state: "NONE", canJoinWaitlist: false });
  });
});
