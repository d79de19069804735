// Admission inside a sale's atomic step, on the real stack: the per-sale allowances against a bot
// and single-use challenge solutions. Books checked: every honest shopper is admitted; a bot's
// admitted entries stay within the policy table's allowances (one device: entriesPerDevice; a
// fresh device per account: entriesPerBlock); over 20 draws with fresh seeds its units stay within
// a binomial bound on allowance × one account's fair share, a bound the same bot without the
// allowances breaks; every refusal is counted in the sale's denials; a replayed solution reserves
// and enters nothing (Redis stock + held + paid = total, no record, not in the lobby); an age rule
// turns young accounts away.
import { describe, expect, it } from "vitest";
import type { Admission } from "~/server/admission/types";
import { runDraw } from "~/server/inventory/draw";
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
/** Draws of the admitted lobby with fresh seeds, for the share bound. */
const DRAWS = 20;
/** The chance the share bound fails an allowance that holds: one in a million. */
const BOUND_TAIL = 1e-6;

/** The smallest b with P(X > b) <= tail for X ~ Binomial(n, p), summed exactly term by term. */
function binomialUpperBound(n: number, p: number, tail: number): number {
  const pmf: number[] = [];
  let log = n * Math.log1p(-p);
  for (let k = 0; k <= n; k++) {
    pmf.push(Math.exp(log));
    log += Math.log((n - k) / (k + 1)) + Math.log(p) - Math.log1p(-p);
  }
  let above = 0; // P(X > b), for b from n down
  for (let b = n; b >= 0; b--) {
    if (above > tail) return b + 1;
    above += pmf[b]!;
  }
  return 0;
}

/**
 * Draws `lobby` (user ids) DRAWS times, each in a fresh fair-draw sale with its own seed, in Redis's
 * own draw step; answers how many units the users in `counted` won in all.
 */
async function unitsOver(draws: number, lobby: readonly string[], counted: ReadonlySet<string>): Promise<number> {
  let units = 0;
  for (let i = 0; i < draws; i++) {
    const sale = await createArmedSale(h.deps, {
      openingMode: "FAIR_DRAW",
      totalStock: UNITS,
      lobbyMinutes: 30,
      startsAt: new Date(Date.now() - 1_000),
    });
    const key = saleKeys(h.namespace, sale.id).lobby;
    for (let from = 0; from < lobby.length; from += 1_000) {
      const members = lobby.slice(from, from + 1_000).map((member) => ({ score: 1, member }));
      await h.redis.zadd(key, members[0]!, ...members.slice(1));
    }
    const drawn = await runDraw(h.redis, { namespace: h.namespace, saleId: sale.id });
    if (drawn.status !== "DRAWN") throw new Error(`draw ${i} did not run: ${drawn.status}`);
    expect(drawn.drawn.winners).toHaveLength(UNITS);
    units += drawn.drawn.winners.filter((winner) => counted.has(winner.userId)).length;
  }
  return units;
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe("a bot with many accounts", () => {
  it("gets no more entries than its allowance, and no more units over 20 draws than a binomial bound on its share", async () => {
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
    // One device: its allowance is what stops the bot, before its block's.
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
    const counters = await readHoldCounters(h.redis, h.namespace, sale.id);
    expect(counters!.stock + counters!.held + counters!.paid).toBe(counters!.total);

    // The share bound. One account's fair share of a draw is UNITS / admitted; the claim is that a
    // bot gets no more than its allowance's worth of accounts, in expectation allowance × UNITS /
    // admitted per draw. Its units in one draw are hypergeometric (allowance of the admitted drawn
    // UNITS times), which Hoeffding (1963) showed is no more spread than the binomial with the
    // same mean; so over DRAWS draws with fresh seeds its units are held to the binomial's bound:
    // the smallest b with P(Binomial(DRAWS × UNITS, allowance / admitted) > b) <= 1e-6. For one
    // device (2 entries) b is 16 (mean 4); for fresh devices (5 entries) 28 (mean 10). Without the
    // allowances the fresh-device bot's 100 accounts would average 182 against a bound of 27.
    const lobby = [...entered("honest"), ...entered("botOne"), ...entered("botFresh")];
    expect(lobby).toHaveLength(admitted);
    for (const [bot, allowance] of [
      ["botOne", admissionPolicy.entriesPerDevice],
      ["botFresh", admissionPolicy.entriesPerBlock],
    ] as const) {
      const bound = binomialUpperBound(DRAWS * UNITS, allowance / admitted, BOUND_TAIL);
      const units = await unitsOver(DRAWS, lobby, new Set(entered(bot)));
      console.log(
        `${bot}: ${entered(bot).length} of ${BOT_ACCOUNTS} accounts admitted, ${units} units in ${DRAWS} draws (bound ${bound})`,
      );
      expect(units).toBeLessThanOrEqual(bound);
    }
    // The control: the fresh-device bot with every account admitted (no allowances) breaks the bound.
    const unlimited = [...honest.map((user) => user.id), ...botFresh.map((user) => user.id)];
    const controlBound = binomialUpperBound(
      DRAWS * UNITS,
      admissionPolicy.entriesPerBlock / unlimited.length,
      BOUND_TAIL,
    );
    const controlUnits = await unitsOver(DRAWS, unlimited, new Set(botFresh.map((user) => user.id)));
    console.log(
      `without allowances: ${BOT_ACCOUNTS} accounts, ${controlUnits} units in ${DRAWS} draws (bound ${controlBound})`,
    );
    expect(controlUnits).toBeGreaterThan(controlBound);
  }, 180_000);
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

  it("an age the app could not read is a retry for a sale with an age rule, and nothing for one without", async () => {
    const [shopper] = await createUsers(h.db, 1);
    const lobbySale = (minAccountAgeDays: number) =>
      createArmedSale(h.deps, {
        openingMode: "FAIR_DRAW",
        totalStock: 5,
        lobbyMinutes: 30,
        startsAt: new Date(Date.now() + 10 * 60_000),
        minAccountAgeDays,
      });
    const withRule = await lobbySale(2);
    const withoutRule = await lobbySale(0);
    // What the gate hands on when Postgres could not say how old the account is.
    const unknownAge: Admission = {
      challengeId: null,
      challengeExpiresAt: 0,
      addressBlock: null,
      deviceId: null,
      accountCreatedAt: null,
      perBlock: 5,
      perDevice: 2,
    };
    const enter = (saleId: string) =>
      enterLobby(h.redis, { namespace: h.namespace, saleId, userId: shopper!.id, admission: unknownAge });
    expect(await enter(withRule.id)).toMatchObject({ ok: false, reason: "ACCOUNT_AGE_UNKNOWN" });
    expect(await h.redis.zcard(saleKeys(h.namespace, withRule.id).lobby)).toBe(0);
    expect(await enter(withoutRule.id)).toMatchObject({ ok: true, status: "ENTERED" });
  });
});
