// The reservation journal as the order side reads and settles it: the pending zset of a sale holds
// every reservation not yet in Postgres; an entry is removed once its order (or its refusal) is
// recorded, so Redis holds O(units) per sale, never O(attempts). A reservation that can never be
// persisted gives its unit back through release-unit.lua.
import type { Redis } from "@upstash/redis";
import { parsePendingMember, pendingMember, saleKeyList, saleKeys } from "./keys";
import { scriptFor } from "./scripts";

export interface JournalEntry {
  userId: string;
  reservationId: string;
  /** Epoch milliseconds. */
  reservedAt: number;
}

/** The oldest pending reservations of a sale, at most `limit`, optionally only those reserved before `before`. */
export async function readJournal(
  redis: Redis,
  namespace: string,
  saleId: string,
  options: { limit: number; before?: number },
): Promise<JournalEntry[]> {
  const key = saleKeys(namespace, saleId).pending;
  const flat = await redis.zrange<Array<string | number>>(key, 0, options.before ?? "+inf", {
    byScore: true,
    offset: 0,
    count: options.limit,
    withScores: true,
  });
  const entries: JournalEntry[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const parsed = parsePendingMember(String(flat[i]));
    if (parsed) entries.push({ ...parsed, reservedAt: Number(flat[i + 1]) });
  }
  return entries;
}

/**
 * Whether a reservation is still waiting for Postgres. "settled" only when its journal entry is
 * gone AND the shopper still holds exactly this reservation in the buyers hash (kept for persisted
 * orders, and rebuilt from Postgres by a re-arm): after Redis lost data, an entry can be missing for
 * a reservation Postgres never saw, and then only persisting it can tell.
 */
export async function journalStatus(
  redis: Redis,
  namespace: string,
  saleId: string,
  entry: Pick<JournalEntry, "userId" | "reservationId">,
): Promise<"pending" | "settled" | "unknown"> {
  const keys = saleKeys(namespace, saleId);
  const [score, held] = await Promise.all([
    redis.zscore(keys.pending, pendingMember(entry.userId, entry.reservationId)),
    redis.hget<string>(keys.buyers, entry.userId),
  ]);
  if (score !== null) return "pending";
  return held !== null && String(held).startsWith(`${entry.reservationId}|`) ? "settled" : "unknown";
}

/** Marks reservations done: their orders (or refusals) are recorded in Postgres. */
export async function settleJournal(redis: Redis, namespace: string, saleId: string, done: JournalEntry[]) {
  if (done.length === 0) return;
  const [first, ...rest] = done.map((entry) => pendingMember(entry.userId, entry.reservationId));
  await redis.zrem(saleKeys(namespace, saleId).pending, first!, ...rest);
}

export type ReleaseOutcome = { released: true; stockLeft: number } | { released: false };

/** Gives back the unit of a reservation that can never be persisted; a second call finds nothing. */
export async function releaseUnit(
  redis: Redis,
  namespace: string,
  saleId: string,
  entry: Pick<JournalEntry, "userId" | "reservationId">,
): Promise<ReleaseOutcome> {
  const reply = (await scriptFor(redis, "release-unit").exec(saleKeyList(saleKeys(namespace, saleId)), [
    entry.userId,
    entry.reservationId,
  ])) as [string, number?];
  switch (reply[0]) {
    case "RELEASED":
      return { released: true, stockLeft: Number(reply[1]) };
    case "NOT_HELD":
      return { released: false };
    default:
      throw new Error(`release-unit answered an unknown status: ${String(reply[0])}`);
  }
}
