// Gathers one sale's fairness evidence from both stores, and files what only Redis knows into
// Postgres so it outlives the sale's keys: entrants who came by buying, and the lobby's once drawn
// (with their positions, as the draw's own follow-up files them) and, once the sale has ended, the refusal
// counts — by stage and reason, and the limit refusals per block and device, in one JSON object
// shaped like the Redis hashes (Sale.admissionDenials). Filing never overwrites a row the draw
// recorded.
import type { Redis } from "@upstash/redis";
import { saleHasEnded } from "~/lib/sale";
import type { DatabaseClient, Prisma } from "~/server/db";
import { entryTokenOf } from "~/server/fair-draw/draw-order";
import { persistSaleEntrants } from "~/server/fair-draw/persist-draw";
import {
  counts,
  readRedisEvidence,
  REFUSED_BLOCK_PREFIX,
  REFUSED_DEVICE_PREFIX,
  refusalsWith,
  type RedisEvidence,
} from "./redis-evidence";
import type { EntrantRecord } from "./types";

export const reportSaleSelect = {
  id: true,
  slug: true,
  title: true,
  state: true,
  openingMode: true,
  startsAt: true,
  endsAt: true,
  lobbyMinutes: true,
  totalStock: true,
  drawSeed: true,
  drawCommitment: true,
  drawnAt: true,
  drawEntrants: true,
  admissionDenials: true,
} as const satisfies Prisma.SaleSelect;

export type ReportSale = Prisma.SaleGetPayload<{ select: typeof reportSaleSelect }>;

export interface OrderEvidence {
  userId: string;
  reservationId: string;
  status: string;
  holdKind: "RESERVATION" | "OFFER";
  reservedAt: Date;
}

export interface Evidence {
  sale: ReportSale;
  ended: boolean;
  entrants: EntrantRecord[];
  /** Every order that was given a hold (refused ones never were). */
  orders: OrderEvidence[];
  redis: RedisEvidence | null;
  /** Refusals by "<stage>:<REASON>", live from Redis or from the snapshot; null when neither has any. */
  denialCounts: Record<string, number> | null;
  denialsFrom: "redis" | "snapshot" | "none";
  refusedByBlock: Map<string, number>;
  refusedByDevice: Map<string, number>;
  entrantsFiled: number;
  denialsSnapshotted: boolean;
}

/**
 * An entrant's token: sha1(commitment|userId), with an empty commitment for a first-come sale, as
 * the entrants' filing writes it (~/server/fair-draw/persist-draw).
 */
export function entrantTokenOf(sale: Pick<ReportSale, "drawCommitment">, userId: string): string {
  return entryTokenOf(sale.drawCommitment ?? "", userId);
}

export async function gatherEvidence(
  deps: { db: DatabaseClient; redis: Redis; namespace: string },
  saleId: string,
  now: Date,
): Promise<Evidence | null> {
  const sale = await deps.db.sale.findUnique({ where: { id: saleId }, select: reportSaleSelect });
  if (!sale) return null;
  const ended = saleHasEnded(sale, now);
  const redis = await readRedisEvidence(deps.redis, deps.namespace, saleId);

  // Entrants Redis knows and Postgres does not yet (buyers at any time, the lobby once drawn) are
  // filed the way the draw's own follow-up files them, so both write the same rows. Only when
  // some are missing: filing re-reads and re-sends every entrant.
  const entrantRows = () => deps.db.saleEntrant.findMany({ where: { saleId } });
  let stored = await entrantRows();
  let known = new Set(stored.map((row) => row.userId));
  const fileable = (redis?.entrants ?? []).filter(
    (entrant) => !known.has(entrant.userId) && (entrant.via === "BUY" || redis?.drawnAt),
  );
  let entrantsFiled = 0;
  if (fileable.length > 0) {
    entrantsFiled = (await persistSaleEntrants(deps, saleId)).inserted;
    stored = await entrantRows();
    known = new Set(stored.map((row) => row.userId));
  }

  const snapshot = isObject(sale.admissionDenials) ? counts(sale.admissionDenials) : null;
  const live = redis ? { ...redis.denialCounts, ...redis.refusalCounts } : null;
  let denialsSnapshotted = false;
  if (ended && live && !sameCounts(snapshot, live)) {
    // Raw SQL so the snapshot leaves updatedAt alone: an admin editing the sale's words meanwhile
    // must not be told the sale changed under them.
    await deps.db
      .$executeRaw`UPDATE "Sale" SET "admissionDenials" = ${JSON.stringify(live)}::jsonb WHERE "id" = ${saleId}`;
    denialsSnapshotted = true;
  }
  const refusals = live ?? snapshot ?? {};

  const recorded: EntrantRecord[] = stored.map((row) => ({
    userId: row.userId,
    entryToken: row.entryToken,
    via: row.via,
    enteredAt: row.enteredAt,
    drawPosition: row.drawPosition,
    addressBlock: row.addressBlock,
    deviceId: row.deviceId,
  }));
  // Lobby entrants whose draw has not reached Postgres yet come from Redis, with the place Redis
  // drew them at (none before the draw); they are filed by the draw's own follow-up.
  const pending: EntrantRecord[] = (redis?.entrants ?? [])
    .filter((entrant) => !known.has(entrant.userId))
    .map((entrant) => ({ ...entrant, entryToken: entrantTokenOf(sale, entrant.userId) }));

  const orders = await deps.db.order.findMany({
    where: { saleId, status: { not: "REFUSED_OVERSOLD" } },
    select: { userId: true, reservationId: true, status: true, holdKind: true, reservedAt: true },
    orderBy: [{ reservedAt: "asc" }, { reservationId: "asc" }],
  });

  return {
    sale,
    ended,
    entrants: [...recorded, ...pending].sort(
      (a, b) => a.enteredAt.getTime() - b.enteredAt.getTime() || a.userId.localeCompare(b.userId),
    ),
    orders,
    redis,
    denialCounts: live ?? snapshot,
    denialsFrom: live ? "redis" : snapshot ? "snapshot" : "none",
    refusedByBlock: refusalsWith(refusals, REFUSED_BLOCK_PREFIX),
    refusedByDevice: refusalsWith(refusals, REFUSED_DEVICE_PREFIX),
    entrantsFiled,
    denialsSnapshotted,
  };
}

function isObject(value: Prisma.JsonValue | null): value is Prisma.JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function sameCounts(stored: Record<string, number> | null, live: Record<string, number>): boolean {
  if (!stored) return false;
  const storedEntries = Object.entries(stored);
  return (
    storedEntries.length === Object.keys(live).length && storedEntries.every(([field, count]) => live[field] === count)
  );
}
