// The Redis keyspace of a sale. Every key of one sale carries the same hash tag `{saleId}` so a
// clustered Redis keeps them in one slot and a single script can touch them all. What each key
// holds is documented once, in holds-lib.lua.
export interface SaleKeys {
  sale: string;
  /** userId → the shopper's record: reservation, state (held, paid, expired, cancelled), expiry. */
  buyers: string;
  /** The journal: records Postgres has not seen in their latest state; removed once persisted. */
  pending: string;
  /** Holds waiting for payment, scored by expiry. */
  holds: string;
  /** Shoppers queueing for released units, scored by ticket number. */
  waitlist: string;
  /** Held by the one instance re-arming the sale after Redis lost its state (single flight). */
  rearmLock: string;
  /** The provider's last word on a failed payment per shopper (shown while the hold lasts). */
  declines: string;
  /** A fair draw's lobby: userId → entered at (epoch ms); the draw rescores it with drawn positions. */
  lobby: string;
  /** Everyone who entered the sale (lobby, buy or queue): userId → "via|atMs|addressBlock|deviceId". */
  entrants: string;
  /**
   * Entries counted per address block ("b:<block>") and per device ("d:<device>") this sale; and
   * attempts the block's allowance ("xb:<block>") or the device's ("xd:<device>") turned away, for
   * the fairness report's clusters.
   */
  quota: string;
  /** Challenge solutions already used, scored by when they stop mattering (epoch ms). */
  challenges: string;
  /** Entries and attempts refused, "<lobby|buy>:<REASON>" → count (the fairness report's). */
  denials: string;
  /** Every metric event counted since the sale was armed: event → count (Prometheus counters). */
  metrics: string;
}

/**
 * One minute of a sale's per-second metrics: "<epochSecond>:<event>" → count, and gauges
 * "<epochSecond>:g.<name>" → value. Keyed by the minute so old seconds expire as whole keys.
 */
export function metricsBucketKey(keys: SaleKeys, epochMs: number): string {
  return `${keys.metrics}:${Math.floor(epochMs / 60_000)}`;
}

export function saleKeys(namespace: string, saleId: string): SaleKeys {
  const base = `${namespace}:sale:{${saleId}}`;
  return {
    sale: base,
    buyers: `${base}:buyers`,
    pending: `${base}:pending`,
    holds: `${base}:holds`,
    waitlist: `${base}:waitlist`,
    rearmLock: `${base}:rearm`,
    declines: `${base}:declines`,
    lobby: `${base}:lobby`,
    entrants: `${base}:entrants`,
    quota: `${base}:quota`,
    challenges: `${base}:challenges`,
    denials: `${base}:denials`,
    metrics: `${base}:metrics`,
  };
}

/**
 * The order in which scripts receive the keys (see holds-lib.lua). The last is this minute's metrics
 * bucket by the caller's clock; the script names each second by Redis's own clock inside it.
 */
export function saleKeyList(keys: SaleKeys, nowMs: number = Date.now()): string[] {
  return [
    keys.sale,
    keys.buyers,
    keys.pending,
    keys.holds,
    keys.waitlist,
    keys.lobby,
    keys.entrants,
    keys.quota,
    keys.challenges,
    keys.denials,
    keys.metrics,
    metricsBucketKey(keys, nowMs),
  ];
}

/** A pending entry names the shopper and the reservation: "userId|reservationId". */
export function pendingMember(userId: string, reservationId: string): string {
  return `${userId}|${reservationId}`;
}

export function parsePendingMember(member: string): { userId: string; reservationId: string } | null {
  const sep = member.indexOf("|");
  if (sep <= 0 || sep === member.length - 1) return null;
  return { userId: member.slice(0, sep), reservationId: member.slice(sep + 1) };
}
