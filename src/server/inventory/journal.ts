// The journal as the order side reads and settles it: the pending zset of a sale names every
// shopper record Postgres has not seen in its latest state (a new hold, a payment, an expiry…); an
// entry is removed once that state (or a refusal) is recorded, so Redis holds O(units) per sale,
// never O(attempts). A reservation that can never be persisted gives its unit back through
// release-unit.lua.
import type { Redis } from "@upstash/redis";
import { parseBuyerRecord, parseOffers, type BuyerRecord, type HoldLetter, type Offer } from "./buyer-record";
import { parsePendingMember, pendingMember, saleKeyList, saleKeys } from "./keys";
import { scriptFor } from "./scripts";

export interface JournalEntry {
  userId: string;
  reservationId: string;
  /** Epoch milliseconds. */
  reservedAt: number;
  /**
   * The shopper's record as Redis holds it now, when it is this reservation's: the state to
   * persist. Absent for an entry known only from an order message (Redis lost it, or not read).
   */
  record?: BuyerRecord;
}

/**
 * A sale's pending records in the order they changed, at most `limit`, optionally only those that
 * last changed before `before` (epoch ms). Entries are scored by change time × 1000 (see
 * journal_score in holds-lib.lua), so reading a prefix never splits a release from the take after it.
 */
export async function readJournal(
  redis: Redis,
  namespace: string,
  saleId: string,
  options: { limit: number; before?: number },
): Promise<JournalEntry[]> {
  const key = saleKeys(namespace, saleId).pending;
  const flat = await redis.zrange<Array<string | number>>(
    key,
    0,
    options.before === undefined ? "+inf" : options.before * 1000,
    {
      byScore: true,
      offset: 0,
      count: options.limit,
      withScores: true,
    },
  );
  const entries: JournalEntry[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const parsed = parsePendingMember(String(flat[i]));
    // The change time stands in for reservedAt until the record (which has it) is read below.
    if (parsed) entries.push({ ...parsed, reservedAt: Math.floor(Number(flat[i + 1]) / 1000) });
  }
  return withRecords(redis, namespace, saleId, entries);
}

/** Adds each entry's current record (when it is still that reservation's), in one read. */
export async function withRecords(
  redis: Redis,
  namespace: string,
  saleId: string,
  entries: JournalEntry[],
): Promise<JournalEntry[]> {
  if (entries.length === 0) return entries;
  const [first, ...rest] = entries.map((entry) => entry.userId);
  const raws = await redis.hmget<Record<string, unknown>>(saleKeys(namespace, saleId).buyers, first!, ...rest);
  return entries.map((entry) => {
    const raw = raws?.[entry.userId];
    const record = raw == null ? null : parseBuyerRecord(String(raw));
    return record && record.reservationId === entry.reservationId
      ? { ...entry, reservedAt: record.reservedAt, record }
      : entry;
  });
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

/**
 * Marks entries done: Postgres has recorded each in the state given (null: answered without one of
 * our states, e.g. refused). An entry whose record moved on meanwhile stays, so the newer state is
 * persisted too.
 */
export async function settleJournal(
  redis: Redis,
  namespace: string,
  saleId: string,
  done: Array<{ userId: string; reservationId: string; persisted: HoldLetter | null }>,
) {
  if (done.length === 0) return;
  const args = done.flatMap((entry) => [entry.userId, entry.reservationId, entry.persisted ?? ""]);
  await scriptFor(redis, "settle-journal").exec(saleKeyList(saleKeys(namespace, saleId)), args);
}

export type ReleaseOutcome = { released: true; stockLeft: number; offers: Offer[] } | { released: false };

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
  ])) as [string, number?, unknown?];
  switch (reply[0]) {
    case "RELEASED":
      return { released: true, stockLeft: Number(reply[1]), offers: parseOffers(reply[2]) };
    case "NOT_HELD":
      return { released: false };
    default:
      throw new Error(`release-unit answered an unknown status: ${String(reply[0])}`);
  }
}
