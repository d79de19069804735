// Reads a sale's metrics back: the admin monitor's snapshot (a window of per-second series, the
// sale's figures now, the totals) and the raw figures the Prometheus output is made of.
//
// Cost, in Redis commands, of one snapshot: one pipeline of HGETALL for this minute's and the last
// minute's buckets, HGETALL of the totals, HMGET of the sale hash, ZCARD of the waitlist and of the
// journal, ZCOUNT of the holds ending within a minute — 7. Older minutes of the window no longer
// change (every writer names the current second), so each is read once and then kept in memory
// until it leaves the window: one more HGETALL per minute. Snapshots are cached per instance and
// sale for a second, so any number of viewers on one instance cost one read a second.
import type { Redis } from "@upstash/redis";
import { metricsBucketKey, saleKeys, type SaleKeys } from "~/server/inventory/keys";
import type { MonitorNow, MonitorSeries, MonitorSnapshot } from "~/lib/monitor";

export interface MetricsReadDeps {
  redis: Redis;
  namespace: string;
  now?: () => number;
}

export interface SnapshotOptions {
  /** Seconds of history, ending now (default 300). */
  windowSec?: number;
}

export const DEFAULT_WINDOW_SEC = 300;
const MAX_WINDOW_SEC = 3_600;
/** How long one instance serves a sale's snapshot from memory. */
export const SNAPSHOT_CACHE_MS = 1_000;
/** Minutes this far behind the current one are complete: read once, then kept. */
const SETTLED_AFTER_MINUTES = 2;

type Fields = Record<string, string | number>;

/** The sale's figures now, from its hash and indexes (see holds-lib.lua). */
export interface SaleFigures extends MonitorNow {
  totals: Record<string, number>;
}

const num = (value: unknown): number => {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
};

function figuresFrom(
  sale: Array<string | number | null> | null,
  waitlist: unknown,
  unpersisted: unknown,
  expiringSoon: unknown,
  totals: Fields | null,
): SaleFigures {
  const [state, stock, total, held, paid] = sale ?? [];
  const counts: Record<string, number> = {};
  for (const [field, value] of Object.entries(totals ?? {})) counts[field] = num(value);
  return {
    state: state == null ? "UNKNOWN" : String(state),
    stock: num(stock),
    total: num(total),
    held: num(held),
    paid: num(paid),
    waitlist: num(waitlist),
    unpersisted: num(unpersisted),
    expiringSoon: num(expiringSoon),
    totals: counts,
  };
}

/** Appends the commands that read a sale's figures now to a pipeline (5 commands). */
function queueFigures(pipeline: ReturnType<Redis["pipeline"]>, keys: SaleKeys, nowMs: number) {
  pipeline.hmget(keys.sale, "state", "stock", "total", "held", "paid");
  pipeline.zcard(keys.waitlist);
  pipeline.zcard(keys.pending);
  pipeline.zcount(keys.holds, nowMs, nowMs + 60_000);
  pipeline.hgetall(keys.metrics);
}

function figuresOfReplies(replies: unknown[]): SaleFigures {
  const [saleReply, waitlist, unpersisted, expiringSoon, totals] = replies;
  // The client answers HMGET with an object keyed by field; the positions are what we asked for.
  const sale =
    saleReply && typeof saleReply === "object" && !Array.isArray(saleReply)
      ? ["state", "stock", "total", "held", "paid"].map(
          (field) => (saleReply as Record<string, string | number | null>)[field] ?? null,
        )
      : (saleReply as Array<string | number | null> | null);
  return figuresFrom(sale, waitlist, unpersisted, expiringSoon, (totals as Fields | null) ?? null);
}

/** Figures now for many sales in one pipeline (the Prometheus output): 5 commands per sale. */
export async function readSaleFigures(
  deps: MetricsReadDeps,
  saleIds: readonly string[],
): Promise<Map<string, SaleFigures>> {
  const result = new Map<string, SaleFigures>();
  if (saleIds.length === 0) return result;
  const nowMs = (deps.now ?? Date.now)();
  const pipeline = deps.redis.pipeline();
  for (const saleId of saleIds) queueFigures(pipeline, saleKeys(deps.namespace, saleId), nowMs);
  const replies = await pipeline.exec();
  saleIds.forEach((saleId, index) => result.set(saleId, figuresOfReplies(replies.slice(index * 5, index * 5 + 5))));
  return result;
}

/** Per-second counts and gauges by epoch second, merged from minute buckets. */
type Seconds = Map<number, Map<string, number>>;

function mergeBucket(into: Seconds, bucket: Fields | null) {
  for (const [field, value] of Object.entries(bucket ?? {})) {
    const colon = field.indexOf(":");
    if (colon <= 0) continue;
    const second = Number(field.slice(0, colon));
    if (!Number.isInteger(second)) continue;
    let events = into.get(second);
    if (!events) into.set(second, (events = new Map()));
    events.set(field.slice(colon + 1), num(value));
  }
}

const NOT_REFUSALS = new Set(["reserve.RESERVED", "reserve.ALREADY_RESERVED", "reserve.WAITLISTED"]);
const isRefusal = (event: string) => event.startsWith("reserve.") && !NOT_REFUSALS.has(event);
const isChallengeDenial = (event: string) =>
  event.startsWith("challenge.") || event.startsWith("reserve.CHALLENGE_") || event.startsWith("lobby.CHALLENGE_");

/** Builds the window's series; gauges carry forward from the last second that wrote them. */
export function buildSeries(seconds: Seconds, endSec: number, windowSec: number, now: MonitorNow): MonitorSeries {
  const series: MonitorSeries = {
    t: [],
    stock: [],
    held: [],
    waitlist: [],
    reserved: [],
    refused: [],
    holdsTaken: [],
    holdsPaid: [],
    holdsExpired: [],
    publishes: [],
    deliveriesFailed: [],
    deadLettered: [],
    rateLimited: [],
    challengeDenied: [],
    persistLagMs: [],
  };
  const startSec = endSec - windowSec + 1;
  // Nothing changed the gauges in the window: the figures now held throughout it.
  const anyGauge = [...seconds].some(([second, events]) => second >= startSec && events.has("g.stock"));
  let stock: number | null = anyGauge ? null : now.stock;
  let held: number | null = anyGauge ? null : now.held;
  let waitlist: number | null = anyGauge ? null : now.waitlist;
  for (let second = startSec; second <= endSec; second++) {
    const events = seconds.get(second);
    const get = (event: string) => events?.get(event) ?? 0;
    let refused = 0;
    let challenges = 0;
    if (events) {
      stock = events.get("g.stock") ?? stock;
      held = events.get("g.held") ?? held;
      waitlist = events.get("g.waitlist") ?? waitlist;
      for (const [event, n] of events) {
        if (isRefusal(event) || event === "soldout.cached") refused += n;
        if (isChallengeDenial(event)) challenges += n;
      }
    }
    const persisted = get("persist.count");
    series.t.push(second);
    series.stock.push(stock);
    series.held.push(held);
    series.waitlist.push(waitlist);
    series.reserved.push(get("reserve.RESERVED"));
    series.refused.push(refused);
    series.holdsTaken.push(get("hold.taken"));
    series.holdsPaid.push(get("hold.paid"));
    series.holdsExpired.push(get("hold.expired"));
    series.publishes.push(get("publish.ok"));
    series.deliveriesFailed.push(get("delivery.failed"));
    series.deadLettered.push(get("delivery.dead"));
    series.rateLimited.push(get("ratelimit.denied"));
    series.challengeDenied.push(challenges);
    series.persistLagMs.push(persisted > 0 ? Math.round(get("persist.lag_ms") / persisted) : null);
  }
  return series;
}

/** Refusals since the sale was armed, by reason, largest first (sold out from memory is sold out). */
export function refusalsByReason(totals: Record<string, number>): Array<{ reason: string; count: number }> {
  const reasons = new Map<string, number>();
  const add = (reason: string, n: number) => {
    if (n > 0) reasons.set(reason, (reasons.get(reason) ?? 0) + n);
  };
  for (const [event, n] of Object.entries(totals)) {
    if (isRefusal(event)) add(event.slice("reserve.".length), n);
    else if (event === "soldout.cached") add("SOLD_OUT", n);
    else if (event === "ratelimit.denied") add("RATE_LIMITED", n);
    else if (event.startsWith("challenge.")) add(event.slice("challenge.".length), n);
  }
  return [...reasons]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/**
 * The monitor's reader for one instance: snapshots cached per sale for a second, and the settled
 * minutes of each window kept in memory (see the cost note at the top).
 */
export function createMonitorReader(deps: MetricsReadDeps) {
  const clock = deps.now ?? Date.now;
  const cache = new Map<string, { at: number; windowSec: number; snapshot: Promise<MonitorSnapshot> }>();
  const settled = new Map<string, Fields>();

  async function read(saleId: string, windowSec: number): Promise<MonitorSnapshot> {
    const nowMs = clock();
    const endSec = Math.floor(nowMs / 1000);
    const keys = saleKeys(deps.namespace, saleId);
    const currentMinute = Math.floor(nowMs / 60_000);
    const firstMinute = Math.floor((endSec - windowSec + 1) / 60);
    const minuteKeys: Array<{ key: string; settled: boolean }> = [];
    for (let minute = firstMinute; minute <= currentMinute; minute++) {
      minuteKeys.push({
        key: metricsBucketKey(keys, minute * 60_000),
        settled: minute <= currentMinute - SETTLED_AFTER_MINUTES,
      });
    }
    const toRead = minuteKeys.filter(({ key, settled: done }) => !done || !settled.has(key));
    const pipeline = deps.redis.pipeline();
    queueFigures(pipeline, keys, nowMs);
    for (const { key } of toRead) pipeline.hgetall(key);
    const replies = await pipeline.exec();
    const figures = figuresOfReplies(replies.slice(0, 5));
    const fresh = new Map(toRead.map(({ key }, index) => [key, (replies[5 + index] as Fields | null) ?? {}]));
    const seconds: Seconds = new Map();
    for (const { key, settled: done } of minuteKeys) {
      const bucket = fresh.get(key) ?? settled.get(key) ?? {};
      if (done) settled.set(key, bucket);
      mergeBucket(seconds, bucket);
    }
    // Keep only the minutes some window still shows.
    const inUse = new Set(minuteKeys.map(({ key }) => key));
    for (const key of settled.keys()) if (key.startsWith(keys.metrics) && !inUse.has(key)) settled.delete(key);
    const { totals, ...now } = figures;
    return {
      saleId,
      at: nowMs,
      series: buildSeries(seconds, endSec, windowSec, now),
      now,
      totals,
      refusalsByReason: refusalsByReason(totals),
    };
  }

  return {
    /** The sale's snapshot, at most a second old; concurrent callers share one read. */
    snapshot(saleId: string, options: SnapshotOptions = {}): Promise<MonitorSnapshot> {
      const windowSec = Math.max(1, Math.min(MAX_WINDOW_SEC, Math.floor(options.windowSec ?? DEFAULT_WINDOW_SEC)));
      const nowMs = clock();
      const hit = cache.get(saleId);
      if (hit && hit.windowSec === windowSec && nowMs - hit.at < SNAPSHOT_CACHE_MS) return hit.snapshot;
      const snapshot = read(saleId, windowSec);
      cache.set(saleId, { at: nowMs, windowSec, snapshot });
      // A failed read is not served to the next viewer.
      snapshot.catch(() => {
        if (cache.get(saleId)?.snapshot === snapshot) cache.delete(saleId);
      });
      return snapshot;
    },
  };
}

export type MonitorReader = ReturnType<typeof createMonitorReader>;

/** One snapshot, read now without a cache (tests, scripts). */
export function readMonitorSnapshot(
  deps: MetricsReadDeps,
  saleId: string,
  options: SnapshotOptions = {},
): Promise<MonitorSnapshot> {
  return createMonitorReader(deps).snapshot(saleId, options);
}
