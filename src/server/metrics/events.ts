// The events a sale counts, by where they are counted. Field names are the same in the totals
// hash, the per-second buckets ("<epochSecond>:<event>") and the Prometheus output's labels.
//
// Counted inside the sale's own atomic Lua step (exact, at the moment it happens):
//   reserve.<STATUS>     every answer of reserve.lua but UNKNOWN_SALE (RESERVED, SOLD_OUT, …)
//   lobby.<STATUS>       every answer of enter-lobby.lua but UNKNOWN_SALE (ENTERED, …)
//   hold.taken           a unit became a hold (a reservation, a draw win, a waitlist offer)
//   hold.paid            a hold was paid (or a free unit confirmed)
//   hold.expired         a hold ran out unpaid
//   hold.cancelled       a shopper let a hold go
//   hold.released        a unit given back because its shopper does not exist
//   waitlist.joined      a shopper queued for released units
//   waitlist.offered     a released unit offered to the head of the waitlist
//   draw.winners         a fair draw's holds (counted once, at the draw)
//   draw.queued          a fair draw's losers put on the waitlist
//   stock.adjusted       units added (+) or removed (−) by an admin's live edit
// Gauges, written by the same steps into the second's bucket after a change:
//   g.stock  g.held  g.waitlist
//
// Counted by the app, buffered per instance and flushed at least once a second (recorder.ts):
//   publish.ok           an order message accepted by QStash
//   publish.failed       an order message QStash refused (the background retry takes over)
//   delivery.ok          an order delivery persisted (2xx)
//   delivery.failed      an order delivery answered with an error (QStash retries it)
//   delivery.dead        QStash gave up on a message (its failure callback; now in the DLQ)
//   persist.count        reservations persisted for the first time
//   persist.lag_ms       sum of ms from reservation to persisted (with persist.count: the mean)
//   persist.le_<ms>      persisted within <ms> (a Prometheus histogram's cumulative buckets)
//   ratelimit.denied     attempts the rate limiter turned away
//   challenge.<REASON>   challenges refused before the sale's step (CHALLENGE_REQUIRED, CHALLENGE_INVALID)
//   soldout.cached       "sold out" answered from an instance's memory, without Redis
export const PERSIST_LAG_BUCKETS_MS = [100, 250, 500, 1_000, 2_000, 5_000, 10_000] as const;

export const APP_EVENTS = [
  "publish.ok",
  "publish.failed",
  "delivery.ok",
  "delivery.failed",
  "delivery.dead",
  "persist.count",
  "persist.lag_ms",
  ...PERSIST_LAG_BUCKETS_MS.map((ms) => `persist.le_${ms}` as const),
  "ratelimit.denied",
  "challenge.CHALLENGE_REQUIRED",
  "challenge.CHALLENGE_INVALID",
  "soldout.cached",
] as const;

export type AppEvent = (typeof APP_EVENTS)[number];

export const GAUGES = ["g.stock", "g.held", "g.waitlist"] as const;
export type Gauge = (typeof GAUGES)[number];

/** A metric event's field name: one of the app's events, or a Lua step's ("reserve.SOLD_OUT", …). */
export type MetricEvent = string;
