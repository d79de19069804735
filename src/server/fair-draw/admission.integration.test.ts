// Admission inside a sale's atomic step, on the real stack: the per-sale allowances against a bot
// and single-use challenge solutions. Books checked: the bot's admitted entries stay within the
// policy table's allowances (per device, per address block), its units within its admitted
// entries, and its expected share within allowance × one account's fair share; every refusal is
// counted in the sale's denials; a replayed solution reserves and enters nothing (Redis stock +
// held + paid = total, no record, not in the lobby); an age rule turns young accounts away.
import { describe, expect, it } from "vitest";
import { readHoldCounters } from "~/server/inventory/holds";
import { adjustHotState } from "~/server/inventory/hot-state";
import { enterLobby } from "~/server/inventory/enter-lobby";
import { readDenials } from "~/server/inventory/entrants";
import { saleKeys } from "~/server/inventory/keys";
import { reserveUnit } from "~/server/inventory/reserve-unit";
import { admissionPolicy } from "~/server/ratelimit";
import { solvedChallenge } from "~/testing/challenges";
import { createArmedSale, createUsers, waitForRoomInWindow } from "~/testing/fixtures";
import { distinctBlock, mapConcurrently, moveStart } from "~/testing/fair-draw";
import { harnessForFile } from "~/testing/harness";
import type { EnterLobbyOutcome } from "./types";

const h = harnessForFile();

const UNITS = 100;
const HONEST = 1_000;
const BOT_ACCOUNTS = 100;
const CHALLENGE_COST = 20;

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe("a bot with many accounts", () => {
  it("gets no more entries than one device's (or one block's) allowance, and no more than those in units", async () => {
    const honest = await createUsers(h.db, HONEST);
    // One bot: 100 accounts behind one /24 and one device cookie. Another: 100 accounts behind one
    // /24 that discards its cookie every time (a fresh device each), which only the block's
    // allowance holds.
    const botOne = await createUsers(h.db, BOT_ACCOUNTS);
    const botFresh = await createUsers(h.db, BOT_ACCOUNTS);
    const sale = await createArmedSale(h.deps, {
      openingMode: "FAIR_DRAW",
      totalStock: UNITS,
      lobbyMinutes: 30,
      startsAt: new Date(Date.now() + 10 * 60_000),
    });
    const attempts = shuffled([
      ...honest.map((user, index) => ({
        who: "honest",
        userId: user.id,
        origin: { addressBlock: distinctBlock(index), deviceId: `honest-${index}` },
        clientIp: distinctBlock(index).replace(".0/24", ".7"),
      })),
      ...botOne.map((user, index) => ({
        who: "botOne",
        userId: user.id,
        origin: { addressBlock: "203.0.113.0/24", deviceId: "bot-device" },
        clientIp: `203.0.113.${index + 1}`,
      })),
      ...botFresh.map((user, index) => ({
        who: "botFresh",
        userId: user.id,
        origin: { addressBlock: "198.51.100.0/24", deviceId: `fresh-${index}` },
        clientIp: `198.51.100.${index + 1}`,
      })),
    ]);
    const outcomes = await mapConcurrently(attempts, 100, (attempt) =>
      h.services.lobby.enter({
        saleId: sale.id,
        userId: attempt.userId,
        origin: attempt.origin,
        clientIp: attempt.clientIp,
      }),
    );
    const entered = (who: string) =>
      attempts.filter((attempt, index) => attempt.who === who && outcomes[index]!.ok).map((attempt) => attempt.userId);
    const refusedWith = (who: string) =>
      attempts
        .map((attempt, index) => ({ attempt, outcome: outcomes[index]! }))
        .filter(({ attempt, outcome }) => attempt.who === who && !outcome.ok)
        .map(({ outcome }) => (outcome as Extract<EnterLobbyOutcome, { ok: false }>).reason);

    expect(entered("honest")).toHaveLength(HONEST);
    expect(entered("botOne").length).toBeLessThanOrEqual(admissionPolicy.entriesPerDevice);
    expect(entered("botOne").length).toBeLessThanOrEqual(admissionPolicy.entriesPerBlock);
    expect(entered("botOne")).toHaveLength(admissionPolicy.entriesPerDevice);
    expect(entered("botFresh")).toHaveLength(admissionPolicy.entriesPerBlock);
    expect(new Set(refusedWith("botOne"))).toEqual(new Set(["DEVICE_LIMIT"]));
    expect(new Set(refusedWith("botFresh"))).toEqual(new Set(["BLOCK_LIMIT"]));

    // Every refusal is counted for the fairness report, by reason and by block / device.
    const denials = await readDenials(h.redis, h.namespace, sale.id);
    expect(denials).toEqual({
      "lobby:DEVICE_LIMIT": BOT_ACCOUNTS - admissionPolicy.entriesPerDevice,
      "lobby:BLOCK_LIMIT": BOT_ACCOUNTS - admissionPolicy.entriesPerBlock,
    });
    const quota = await h.redis.hgetall<Record<string, unknown>>(saleKeys(h.namespace, sale.id).quota);
    expect(Number(quota?.["xd:bot-device"])).toBe(BOT_ACCOUNTS - admissionPolicy.entriesPerDevice);
    expect(Number(quota?.["xb:198.51.100.0/24"])).toBe(BOT_ACCOUNTS - admissionPolicy.entriesPerBlock);

    await moveStart(h.deps, sale.id, new Date());
    const run = await h.services.lobby.drawIfDue(sale.id);
    const admitted = HONEST + admissionPolicy.entriesPerDevice + admissionPolicy.entriesPerBlock;
    expect(run).toMatchObject({ ran: true, entrants: admitted, winners: UNITS });
    const holders = new Set((await h.redis.hkeys(saleKeys(h.namespace, sale.id).buyers)).map(String));
    const fairShare = UNITS / admitted;
    for (const [bot, allowance] of [
      ["botOne", admissionPolicy.entriesPerDevice],
      ["botFresh", admissionPolicy.entriesPerBlock],
    ] as const) {
      const units = entered(bot).filter((id) => holders.has(id)).length;
      expect(units).toBeLessThanOrEqual(entered(bot).length);
      const expectedShare = entered(bot).length * fairShare;
      expect(expectedShare).toBeLessThanOrEqual(allowance * fairShare);
      console.log(
        `${bot}: ${BOT_ACCOUNTS} accounts, ${entered(bot).length} admitted, ${units} units (fair share per account ${fairShare.toFixed(3)})`,
      );
    }
    const counters = await readHoldCounters(h.redis, h.namespace, sale.id);
    expect(counters!.stock + counters!.held + counters!.paid).toBe(counters!.total);
  }, 120_000);
});

describe("a challenge solution is usable once", () => {
  it("a spent solution is refused by the reserve step, nothing is reserved; a fresh one works", async () => {
    const [taker, shopper] = await createUsers(h.db, 2);
    const sale = await createArmedSale(h.deps, { totalStock: 1, challengeCost: CHALLENGE_COST });
    const solve = (userId: string) =>
      solvedChallenge(h.clients.challenges, { saleId: sale.id, userId, cost: CHALLENGE_COST });
    const admit = async (userId: string, solution: string | null) => {
      const prepared = await h.services.admission.prepare({
        saleId: sale.id,
        userId,
        stage: "buy",
        solution,
        origin: { addressBlock: null, deviceId: null },
        clientIp: null,
      });
      if (!prepared.ok) return prepared;
      return reserveUnit(h.redis, { namespace: h.namespace, saleId: sale.id, userId, admission: prepared.admission });
    };

    expect(await admit(taker!.id, await solve(taker!.id))).toMatchObject({ ok: true, status: "RESERVED" });
    // The shopper's solution is spent by an attempt that found the sale sold out…
    const solution = await solve(shopper!.id);
    expect(await admit(shopper!.id, solution)).toMatchObject({ ok: false, reason: "SOLD_OUT" });
    // …so once a unit is free again, bringing it back is refused and reserves nothing.
    expect(await adjustHotState(h.redis, h.namespace, sale.id, { total: 2 })).toMatchObject({ ok: true, stockLeft: 1 });
    expect(await admit(shopper!.id, solution)).toEqual({ ok: false, reason: "CHALLENGE_REPLAYED" });
    expect(await admit(shopper!.id, null)).toEqual({ ok: false, reason: "CHALLENGE_REQUIRED" });
    expect(await admit(shopper!.id, `${solution.slice(0, -4)}AAAA`)).toEqual({
      ok: false,
      reason: "CHALLENGE_INVALID",
    });
    // A solution bound to another shopper does not verify for this one.
    expect(await admit(shopper!.id, await solve(taker!.id))).toEqual({ ok: false, reason: "CHALLENGE_INVALID" });
    expect(await h.redis.hget(saleKeys(h.namespace, sale.id).buyers, shopper!.id)).toBeNull();
    expect(await readHoldCounters(h.redis, h.namespace, sale.id)).toMatchObject({ stock: 1, held: 1, total: 2 });

    expect(await admit(shopper!.id, await solve(shopper!.id))).toMatchObject({ ok: true, status: "RESERVED" });
    expect(await readDenials(h.redis, h.namespace, sale.id)).toEqual({
      "buy:CHALLENGE_REPLAYED": 1,
      "buy:CHALLENGE_REQUIRED": 1,
    });
  });

  it("in the lobby too: a spent solution enters nobody, and refusals before the step are counted", async () => {
    const [shopper] = await createUsers(h.db, 1);
    // Five tries fit the lobby's rate window only if they fall in one window.
    await waitForRoomInWindow(10_000, 5_000);
    const start = new Date(Date.now() + 10 * 60_000);
    const sale = await createArmedSale(h.deps, {
      openingMode: "FAIR_DRAW",
      totalStock: 5,
      lobbyMinutes: 5,
      startsAt: start,
      challengeCost: CHALLENGE_COST,
    });
    const enter = (challenge: string | null) =>
      h.services.lobby.enter({
        saleId: sale.id,
        userId: shopper!.id,
        challenge,
        origin: { addressBlock: "192.0.2.0/24", deviceId: "d1" },
        clientIp: null,
      });
    const solve = () =>
      solvedChallenge(h.clients.challenges, { saleId: sale.id, userId: shopper!.id, cost: CHALLENGE_COST });

    const early = await solve();
    expect(await enter(early)).toMatchObject({ ok: false, reason: "LOBBY_NOT_OPEN" });
    // The lobby opens (the admin lengthens it to 30 minutes).
    expect(await adjustHotState(h.redis, h.namespace, sale.id, { lobbyMinutes: 30 })).toMatchObject({ ok: true });
    expect(await enter(early)).toEqual({ ok: false, reason: "CHALLENGE_REPLAYED" });
    expect(await enter(null)).toEqual({ ok: false, reason: "CHALLENGE_REQUIRED" });
    expect(await enter("bm90IGEgc29sdXRpb24=")).toEqual({ ok: false, reason: "CHALLENGE_INVALID" });
    expect(await h.redis.zscore(saleKeys(h.namespace, sale.id).lobby, shopper!.id)).toBeNull();

    const entered = await enter(await solve());
    expect(entered).toMatchObject({
      ok: true,
      status: "ENTERED",
      lobby: { entrants: 1, units: 5, drawAt: start.getTime() },
    });
    // Entering again answers the entry already made, whatever it brings…
    expect(await enterLobby(h.redis, { namespace: h.namespace, saleId: sale.id, userId: shopper!.id })).toMatchObject({
      ok: true,
      status: "ALREADY_ENTERED",
    });
    // …though not past the lobby's rate limit (five tries in ten seconds), which is counted too.
    expect(await enter(null)).toMatchObject({ ok: false, reason: "RATE_LIMITED" });
    expect(await readDenials(h.redis, h.namespace, sale.id)).toEqual({
      "lobby:CHALLENGE_REPLAYED": 1,
      "lobby:CHALLENGE_REQUIRED": 1,
      "lobby:CHALLENGE_INVALID": 1,
      "lobby:RATE_LIMITED": 1,
    });
    // Before the start, buying is refused: the lobby is the way in.
    await moveStart(h.deps, sale.id, start);
    expect(await reserveUnit(h.redis, { namespace: h.namespace, saleId: sale.id, userId: shopper!.id })).toEqual({
      ok: false,
      reason: "LOBBY_OPEN",
      drawAt: start,
    });
  });

  it("a sale with an age rule admits only accounts old enough, and counts the others", async () => {
    const [young, old] = await createUsers(h.db, 2);
    await h.db.user.update({ where: { id: old!.id }, data: { createdAt: new Date(Date.now() - 3 * 86_400_000) } });
    const sale = await createArmedSale(h.deps, {
      openingMode: "FAIR_DRAW",
      totalStock: 5,
      lobbyMinutes: 30,
      startsAt: new Date(Date.now() + 10 * 60_000),
      minAccountAgeDays: 2,
    });
    const enter = (userId: string) =>
      h.services.lobby.enter({
        saleId: sale.id,
        userId,
        origin: { addressBlock: null, deviceId: null },
        clientIp: null,
      });
    expect(await enter(young!.id)).toEqual({ ok: false, reason: "ACCOUNT_TOO_NEW" });
    expect(await enter(old!.id)).toMatchObject({ ok: true, status: "ENTERED" });
    expect(await readDenials(h.redis, h.namespace, sale.id)).toEqual({ "lobby:ACCOUNT_TOO_NEW": 1 });
  });
});
