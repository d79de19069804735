// One sale's fairness report: who entered and how, the draw and whether it re-derives from its
// seed, who got the units and how fast, where the units went by address block and device, the
// clusters that look automated, and what the challenges and limits turned away. The seed is shown
// only once the sale has ended; its commitment always.
import type { Redis } from "@upstash/redis";
import { orderNumberOf } from "~/lib/checkout";
import { lobbyOpensAt } from "~/lib/sale";
import type { DatabaseClient } from "~/server/db";
import { admissionPolicy } from "~/server/ratelimit";
import {
  BURST_MIN_PER_BLOCK,
  BURST_MIN_PER_DEVICE,
  BURST_WINDOW_MS,
  detectClusters,
  type GroupActivity,
} from "./clusters";
import { checkDraw } from "./draw-check";
import { gatherEvidence, type Evidence } from "./evidence";
import { denialRows } from "./redis-evidence";
import { shareTable } from "./shares";
import { percentile, timeToHoldHistogram } from "./time-to-hold";
import type { DenialRow, EntrantRecord, FairnessReport, WinnerRecord } from "./types";

export interface ReportOptions {
  /** Rows kept in each share table (the downloads keep them all). */
  top?: number;
  now?: Date;
}

export const DEFAULT_TOP = 25;

function winnersOf(evidence: Evidence, entrants: ReadonlyMap<string, EntrantRecord>): WinnerRecord[] {
  const start = evidence.sale.startsAt.getTime();
  return evidence.orders.map((order) => {
    const entrant = entrants.get(order.userId);
    return {
      userId: order.userId,
      orderNumber: orderNumberOf(order.reservationId),
      status: order.status,
      holdKind: order.holdKind,
      reservedAt: order.reservedAt,
      timeToHoldMs: order.reservedAt.getTime() - start,
      entryToken: entrant?.entryToken ?? null,
      via: entrant?.via ?? null,
      drawPosition: entrant?.drawPosition ?? null,
      addressBlock: entrant?.addressBlock ?? null,
      deviceId: entrant?.deviceId ?? null,
    };
  });
}

type Keyed = { addressBlock: string | null; deviceId: string | null };

/** Entrants and units per key (block or device), with the refusals counted against each key. */
function activityBy(
  key: (record: Keyed) => string | null,
  other: (record: Keyed) => string | null,
  entrants: readonly EntrantRecord[],
  winners: readonly WinnerRecord[],
  refused: ReadonlyMap<string, number>,
): GroupActivity[] {
  const groups = new Map<string, GroupActivity & { related: string[] }>();
  const groupOf = (name: string) => {
    let group = groups.get(name);
    if (!group) {
      group = { key: name, enteredAt: [], refused: refused.get(name) ?? 0, units: 0, related: [] };
      groups.set(name, group);
    }
    return group;
  };
  for (const entrant of entrants) {
    const name = key(entrant);
    if (name === null) continue;
    const group = groupOf(name);
    group.enteredAt.push(entrant.enteredAt.getTime());
    const related = other(entrant);
    if (related !== null) group.related.push(related);
  }
  for (const winner of winners) {
    const name = key(winner);
    if (name !== null) groupOf(name).units++;
  }
  // A key whose every attempt was refused has no entrant, yet it is the likeliest farm of all.
  for (const name of refused.keys()) groupOf(name);
  return [...groups.values()];
}

function denialsOf(evidence: Evidence): FairnessReport["denials"] {
  const rows: DenialRow[] = evidence.denialCounts ? denialRows(evidence.denialCounts) : [];
  return { rows, total: rows.reduce((sum, row) => sum + row.count, 0), source: evidence.denialsFrom };
}

export function assembleReport(evidence: Evidence, options: Required<ReportOptions>): FairnessReport {
  const { sale, entrants } = evidence;
  const byUser = new Map(entrants.map((entrant) => [entrant.userId, entrant]));
  const winners = winnersOf(evidence, byUser);
  const durations = winners.map((winner) => winner.timeToHoldMs);
  const blockOf = (record: { addressBlock: string | null }) => record.addressBlock;
  const deviceOf = (record: { deviceId: string | null }) => record.deviceId;
  const commitment = sale.openingMode === "FAIR_DRAW" ? sale.drawCommitment : null;

  return {
    generatedAt: options.now,
    sale: {
      id: sale.id,
      slug: sale.slug,
      title: sale.title,
      state: sale.state,
      openingMode: sale.openingMode,
      startsAt: sale.startsAt,
      endsAt: sale.endsAt,
      lobbyOpensAt: lobbyOpensAt(sale),
      totalStock: sale.totalStock,
      ended: evidence.ended,
    },
    source: {
      redis: evidence.redis !== null,
      entrantsFiled: evidence.entrantsFiled,
      denialsSnapshotted: evidence.denialsSnapshotted,
    },
    entrants: {
      total: entrants.length,
      lobby: entrants.filter((entrant) => entrant.via === "LOBBY").length,
      buy: entrants.filter((entrant) => entrant.via === "BUY").length,
      withBlock: entrants.filter((entrant) => entrant.addressBlock !== null).length,
      withDevice: entrants.filter((entrant) => entrant.deviceId !== null).length,
    },
    draw: commitment
      ? checkDraw({
          commitment,
          seed: sale.drawSeed,
          reveal: evidence.ended,
          drawnAt: sale.drawnAt ?? evidence.redis?.drawnAt ?? null,
          drawEntrants: sale.drawEntrants ?? evidence.redis?.drawEntrants ?? null,
          entrants,
          drawWinners: new Set(
            winners
              .filter((winner) => winner.holdKind === "RESERVATION" && winner.drawPosition !== null)
              .map((winner) => winner.userId),
          ),
        })
      : null,
    winners,
    timeToHold: {
      bins: timeToHoldHistogram(durations),
      medianMs: percentile(durations, 0.5),
      p90Ms: percentile(durations, 0.9),
    },
    shares: {
      blocks: shareTable(
        entrants.map((entrant) => ({ key: blockOf(entrant) })),
        winners.map((winner) => ({ key: blockOf(winner) })),
        options.top,
      ),
      devices: shareTable(
        entrants.map((entrant) => ({ key: deviceOf(entrant) })),
        winners.map((winner) => ({ key: deviceOf(winner) })),
        options.top,
      ),
    },
    clusters: detectClusters({
      blocks: activityBy(blockOf, deviceOf, entrants, winners, evidence.refusedByBlock),
      devices: activityBy(deviceOf, blockOf, entrants, winners, evidence.refusedByDevice),
      entriesPerBlock: admissionPolicy.entriesPerBlock,
      entriesPerDevice: admissionPolicy.entriesPerDevice,
    }),
    denials: denialsOf(evidence),
    rules: {
      entriesPerBlock: admissionPolicy.entriesPerBlock,
      entriesPerDevice: admissionPolicy.entriesPerDevice,
      burstWindowMs: BURST_WINDOW_MS,
      burstMinPerBlock: BURST_MIN_PER_BLOCK,
      burstMinPerDevice: BURST_MIN_PER_DEVICE,
    },
    entrantList: entrants,
  };
}

/** The report for one sale, or null when there is no such sale. */
export async function buildFairnessReport(
  deps: { db: DatabaseClient; redis: Redis; namespace: string },
  saleId: string,
  options: ReportOptions = {},
): Promise<FairnessReport | null> {
  const now = options.now ?? new Date();
  const evidence = await gatherEvidence(deps, saleId, now);
  return evidence ? assembleReport(evidence, { top: options.top ?? DEFAULT_TOP, now }) : null;
}
