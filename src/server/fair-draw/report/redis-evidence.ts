// What a sale's Redis keys know that Postgres may not yet: every entrant with their address block
// and device (and, once drawn, their place), the refusals by stage and reason, and the limit
// refusals per block and device. Read-only, while the sale's keys last; the entrants and denials
// come through the inventory's own readers, so their formats are parsed in one place.
import type { Redis } from "@upstash/redis";
import { readDenials, readSaleEntrants } from "~/server/inventory/entrants";
import { readHotState } from "~/server/inventory/hot-state";
import { saleKeys } from "~/server/inventory/keys";
import type { DenialRow, DenialStage, EntrantVia } from "./types";

export interface RedisEntrant {
  userId: string;
  via: EntrantVia;
  enteredAt: Date;
  addressBlock: string | null;
  deviceId: string | null;
  /** The drawn place, once the draw ran. */
  drawPosition: number | null;
}

export interface RedisEvidence {
  entrants: RedisEntrant[];
  /** The denials hash: "<stage>:<REASON>" → count. */
  denialCounts: Record<string, number>;
  /** Limit refusals per block ("xb:<block>") and device ("xd:<device>"), from the quota hash. */
  refusalCounts: Record<string, number>;
  drawnAt: Date | null;
  drawEntrants: number | null;
}

export const REFUSED_BLOCK_PREFIX = "xb:";
export const REFUSED_DEVICE_PREFIX = "xd:";

const STAGES: ReadonlySet<string> = new Set<DenialStage>(["lobby", "buy"]);

/** Rows of a denials hash, largest first; fields not shaped "<lobby|buy>:<REASON>" are left out. */
export function denialRows(counts: Record<string, number>): DenialRow[] {
  return Object.entries(counts)
    .flatMap(([field, count]) => {
      const at = field.indexOf(":");
      const stage = field.slice(0, at);
      const reason = field.slice(at + 1);
      if (at < 0 || !STAGES.has(stage) || reason === "" || !(count > 0)) return [];
      return [{ stage: stage as DenialStage, reason, count }];
    })
    .sort((a, b) => b.count - a.count || a.stage.localeCompare(b.stage) || a.reason.localeCompare(b.reason));
}

/** A hash (or a stored snapshot of one) as numeric counts; anything else is left out. */
export function counts(hash: Record<string, unknown> | null): Record<string, number> {
  return Object.fromEntries(
    Object.entries(hash ?? {})
      .map(([field, value]) => [field, Number(value)] as const)
      .filter(([, value]) => Number.isFinite(value)),
  );
}

/** The counts under one prefix ("xb:" or "xd:"), keyed by what follows it. */
export function refusalsWith(counted: Record<string, number>, prefix: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const [field, count] of Object.entries(counted)) {
    if (field.startsWith(prefix) && field.length > prefix.length) found.set(field.slice(prefix.length), count);
  }
  return found;
}

/** The sale's evidence in Redis, or null when Redis holds no state for the sale. */
export async function readRedisEvidence(
  redis: Redis,
  namespace: string,
  saleId: string,
): Promise<RedisEvidence | null> {
  const hot = await readHotState(redis, namespace, saleId);
  if (!hot) return null;
  const [entrants, denialCounts, quota] = await Promise.all([
    readSaleEntrants(redis, namespace, saleId),
    readDenials(redis, namespace, saleId),
    redis.hgetall<Record<string, unknown>>(saleKeys(namespace, saleId).quota),
  ]);
  const refusalCounts = Object.fromEntries(
    Object.entries(counts(quota)).filter(
      ([field]) => field.startsWith(REFUSED_BLOCK_PREFIX) || field.startsWith(REFUSED_DEVICE_PREFIX),
    ),
  );
  return {
    entrants: entrants.entrants.map((entrant) => ({ ...entrant, enteredAt: new Date(entrant.enteredAt) })),
    denialCounts: counts(denialCounts),
    refusalCounts,
    drawnAt: entrants.drawnAt === null ? null : new Date(entrants.drawnAt),
    drawEntrants: entrants.drawnAt === null ? null : entrants.drawEntrants,
  };
}
