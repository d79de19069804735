// The fairness report built from a real drawn sale on the real stack: 30 honest shoppers and a bot
// of 100 accounts on one /24 and one device cookie enter the lobby, the draw runs and is recorded,
// three latecomers queue after the start. The report counts the entrants, re-derives the draw from
// its seed (shown only once the sale has ended), times the winners, shares the units out by block
// and device, flags the bot and counts what was turned away; once the sale has ended it files the
// late entrants and the refusals into Postgres, so the report still stands when Redis has let go.
import { describe, expect, it } from "vitest";
import { admissionPolicy } from "~/server/ratelimit";
import { commitmentOf, drawOrder, entryTokenOf } from "~/server/fair-draw/draw-order";
import { dropHotState } from "~/server/inventory/hot-state";
import { createArmedSale, createUsers, eventually } from "~/testing/fixtures";
import { distinctBlock, mapConcurrently, moveStart } from "~/testing/fair-draw";
import { harnessForFile } from "~/testing/harness";
import type { FairnessReport } from "./types";

const h = harnessForFile();

const UNITS = 10;
const HONEST = 30;
const BOT_ACCOUNTS = 100;
const LATE = 3;
const BOT_BLOCK = "203.0.113.0/24";
const BOT_DEVICE = "bot-device";

async function drawnSaleWithABot() {
  const honest = await createUsers(h.db, HONEST);
  const bot = await createUsers(h.db, BOT_ACCOUNTS);
  const late = await createUsers(h.db, LATE);
  const [admin] = await createUsers(h.db, 1, "ADMIN");
  const sale = await createArmedSale(h.deps, {
    openingMode: "FAIR_DRAW",
    totalStock: UNITS,
    lobbyMinutes: 30,
    startsAt: new Date(Date.now() + 10 * 60_000),
  });
  const attempts = [
    ...honest.map((user, index) => ({
      userId: user.id,
      origin: { addressBlock: distinctBlock(index), deviceId: `honest-${index}` },
      clientIp: distinctBlock(index).replace(".0/24", ".7"),
    })),
    // The bot fires its accounts together, each from its own address inside one /24.
    ...bot.map((user, index) => ({
      userId: user.id,
      origin: { addressBlock: BOT_BLOCK, deviceId: BOT_DEVICE },
      clientIp: `203.0.113.${index + 1}`,
    })),
  ];
  const outcomes = await mapConcurrently(attempts, 40, (attempt) =>
    h.services.lobby.enter({ saleId: sale.id, ...attempt }),
  );
  const botIds = new Set(bot.map((user) => user.id));
  const botEntered = attempts.filter((attempt, index) => botIds.has(attempt.userId) && outcomes[index]!.ok);
  expect(botEntered).toHaveLength(admissionPolicy.entriesPerDevice);

  await moveStart(h.deps, sale.id, new Date());
  expect(await h.services.lobby.drawIfDue(sale.id)).toMatchObject({ ran: true, winners: UNITS });
  await h.services.lobby.persistDraw(sale.id);
  await eventually(
    async () => (await h.db.order.count({ where: { saleId: sale.id, status: "HELD" } })) === UNITS,
    "the winners' orders",
  );
  // Latecomers find every unit held and queue behind the lobby: entrants by buying.
  for (const [index, user] of late.entries()) {
    const outcome = await h.services.purchase.joinWaitlist({
      saleId: sale.id,
      userId: user.id,
      clientIp: `192.0.2.${index + 1}`,
      origin: { addressBlock: `192.0.${index}.0/24`, deviceId: `late-${index}` },
    });
    expect(outcome).toMatchObject({ ok: false, reason: "WAITLISTED" });
  }
  const stored = await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } });
  return { sale: stored, honest, bot, late, admin: admin!, botEntered: botEntered.map((attempt) => attempt.userId) };
}

const admitted = HONEST + admissionPolicy.entriesPerDevice;
const report = async (saleId: string): Promise<FairnessReport> => {
  const built = await h.services.admin.fairnessReport(saleId);
  if (!built) throw new Error(`no report for ${saleId}`);
  return built;
};

describe("the fairness report of a drawn sale", () => {
  it("re-derives the draw, flags the bot, and outlives Redis once the sale has ended", async () => {
    const { sale, late, admin, botEntered } = await drawnSaleWithABot();

    // While the sale runs: everything but the seed.
    const live = await report(sale.id);
    expect(live.sale).toMatchObject({ id: sale.id, openingMode: "FAIR_DRAW", ended: false, totalStock: UNITS });
    // The draw's own follow-up may file some latecomers first (its message can arrive after them).
    expect(live.source).toMatchObject({ redis: true, denialsSnapshotted: false });
    expect(live.source.entrantsFiled).toBeLessThanOrEqual(LATE);
    expect(live.entrants).toEqual({
      total: admitted + LATE,
      lobby: admitted,
      buy: LATE,
      withBlock: admitted + LATE,
      withDevice: admitted + LATE,
    });
    expect(live.draw).toMatchObject({
      commitment: sale.drawCommitment,
      seed: null,
      seedMatchesCommitment: null,
      drawEntrants: admitted,
      tokensMatch: true,
      rederived: { matches: true, firstMismatch: null },
      winnersAreFirst: true,
    });
    expect(live.draw!.order.map((row) => row.position)).toEqual(Array.from({ length: admitted }, (_, i) => i + 1));
    expect(JSON.stringify(live)).not.toContain(sale.drawSeed!);

    // Winners: the draw's ten, given their holds at the draw, positions 1–10.
    expect(live.winners).toHaveLength(UNITS);
    expect(live.winners.every((winner) => winner.holdKind === "RESERVATION" && winner.via === "LOBBY")).toBe(true);
    expect(live.winners.map((winner) => winner.drawPosition).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: UNITS }, (_, i) => i + 1),
    );
    for (const winner of live.winners) {
      expect(winner.timeToHoldMs).toBe(winner.reservedAt.getTime() - sale.startsAt.getTime());
      expect(winner.timeToHoldMs).toBeGreaterThanOrEqual(0);
      expect(winner.timeToHoldMs).toBeLessThan(60_000);
    }
    expect(live.timeToHold.bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(UNITS);

    // Shares: every admitted entrant has a block and a device; units add up to the winners.
    const botRow = live.shares.blocks.rows.find((row) => row.key === BOT_BLOCK);
    expect(botRow).toMatchObject({ accounts: admissionPolicy.entriesPerDevice });
    expect(botRow!.expectedShare).toBeCloseTo(admissionPolicy.entriesPerDevice / (admitted + LATE), 12);
    const blockUnits =
      live.shares.blocks.rows.reduce((sum, row) => sum + row.units, 0) +
      live.shares.blocks.rest.units +
      live.shares.blocks.unknown.units;
    expect(blockUnits).toBe(UNITS);
    // The bot's units never exceed what its admitted accounts could win.
    expect(botRow!.units).toBeLessThanOrEqual(botEntered.length);

    // The bot is flagged on its device: 100 accounts tried where two are allowed.
    const flagged = live.clusters.find((cluster) => cluster.kind === "DEVICE" && cluster.key === BOT_DEVICE);
    expect(flagged).toMatchObject({
      verdict: "AUTOMATED",
      accounts: admissionPolicy.entriesPerDevice,
      refused: BOT_ACCOUNTS - admissionPolicy.entriesPerDevice,
      related: [BOT_BLOCK],
    });
    expect(flagged!.signals).toContainEqual({
      kind: "OVER_ALLOWANCE",
      attempts: BOT_ACCOUNTS,
      allowance: admissionPolicy.entriesPerDevice,
    });
    // No honest shopper is called automated.
    expect(live.clusters.filter((cluster) => cluster.verdict === "AUTOMATED")).toHaveLength(1);
    expect(live.denials).toEqual({
      rows: [{ stage: "lobby", reason: "DEVICE_LIMIT", count: BOT_ACCOUNTS - admissionPolicy.entriesPerDevice }],
      total: BOT_ACCOUNTS - admissionPolicy.entriesPerDevice,
      source: "redis",
    });

    // The latecomers are in Postgres as entrants by buying, once.
    const filed = await h.db.saleEntrant.findMany({ where: { saleId: sale.id, via: "BUY" } });
    expect(filed.map((row) => row.userId).sort()).toEqual(late.map((user) => user.id).sort());
    for (const row of filed) {
      expect(row).toMatchObject({ drawPosition: null, entryToken: entryTokenOf(sale.drawCommitment!, row.userId) });
    }
    expect((await report(sale.id)).source.entrantsFiled).toBe(0);

    // Ended: the seed is shown and checks out; the refusals are snapshotted without touching updatedAt.
    const ended = await h.services.admin.changeState(admin.id, sale.id, "end");
    expect(ended.ok).toBe(true);
    const endedAt = (await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } })).updatedAt;
    const after = await report(sale.id);
    expect(after.sale.ended).toBe(true);
    expect(after.draw).toMatchObject({ seed: sale.drawSeed, seedMatchesCommitment: true });
    expect(commitmentOf(after.draw!.seed!)).toBe(sale.drawCommitment);
    const tokens = after.draw!.order.map((row) => row.entryToken);
    expect(drawOrder(after.draw!.seed!, [...tokens].reverse())).toEqual(tokens);
    expect(after.source.denialsSnapshotted).toBe(true);
    const snapshot = await h.db.sale.findUniqueOrThrow({
      where: { id: sale.id },
      select: { admissionDenials: true, updatedAt: true },
    });
    expect(snapshot.admissionDenials).toEqual({
      "lobby:DEVICE_LIMIT": BOT_ACCOUNTS - admissionPolicy.entriesPerDevice,
      [`xd:${BOT_DEVICE}`]: BOT_ACCOUNTS - admissionPolicy.entriesPerDevice,
    });
    expect(snapshot.updatedAt).toEqual(endedAt);
    expect((await report(sale.id)).source.denialsSnapshotted).toBe(false);

    // Redis lets the sale go: the report stands on Postgres alone, with the same findings.
    await dropHotState(h.redis, h.namespace, sale.id);
    const cold = await report(sale.id);
    expect(cold.source).toEqual({ redis: false, entrantsFiled: 0, denialsSnapshotted: false });
    expect(cold.entrants).toEqual(after.entrants);
    expect(cold.draw).toEqual(after.draw);
    expect(cold.winners).toEqual(after.winners);
    expect(cold.shares).toEqual(after.shares);
    expect(cold.clusters).toEqual(after.clusters);
    expect(cold.denials).toEqual({ ...after.denials, source: "snapshot" });
  }, 120_000);

  it("a first-come sale has no draw section, and a sale with nobody in it reports nothing to see", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 5 });
    const [buyer] = await createUsers(h.db, 1);
    expect(
      await h.services.purchase.reserve({
        saleId: sale.id,
        userId: buyer!.id,
        clientIp: "192.0.2.9",
        origin: { addressBlock: "192.0.2.0/24", deviceId: "only-device" },
      }),
    ).toMatchObject({ ok: true });
    await eventually(async () => (await h.db.order.count({ where: { saleId: sale.id } })) === 1, "the order");
    const built = await report(sale.id);
    expect(built.draw).toBeNull();
    expect(built.entrants).toMatchObject({ total: 1, lobby: 0, buy: 1 });
    expect(built.winners).toMatchObject([{ userId: buyer!.id, via: "BUY", addressBlock: "192.0.2.0/24" }]);
    // A first-come sale has no commitment: its entrants' tokens are keyed by an empty one.
    expect(built.winners[0]!.entryToken).toBe(entryTokenOf("", buyer!.id));
    expect(built.clusters).toEqual([]);

    const empty = await createArmedSale(h.deps, {
      openingMode: "FAIR_DRAW",
      startsAt: new Date(Date.now() + 3_600_000),
    });
    const nothing = await report(empty.id);
    expect(nothing).toMatchObject({
      entrants: { total: 0 },
      winners: [],
      clusters: [],
      denials: { rows: [], total: 0, source: "redis" },
      draw: { drawnAt: null, order: [], tokensMatch: null, rederived: null, seed: null },
    });
    expect(await h.services.admin.fairnessReport("no-such-sale")).toBeNull();
  });
});
