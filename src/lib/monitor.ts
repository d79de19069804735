// What the admin's live monitor receives every second or two (admin.monitor.snapshot), shared by
// the server that builds it and the page that draws it. Times are epoch seconds (series) or epoch
// ms (moments); every series has one value per second of the window, oldest first.
export interface MonitorSeries {
  /** Epoch seconds, one per point. */
  t: number[];
  /** Units free, carried forward from the last second that changed it (null before anything is known). */
  stock: Array<number | null>;
  /** Holds waiting for payment, carried forward likewise. */
  held: Array<number | null>;
  /** Shoppers on the waitlist, carried forward likewise. */
  waitlist: Array<number | null>;
  /** reserve.RESERVED per second. */
  reserved: number[];
  /** Every other reserve answer that gave nothing new, per second (sold out, not started, limits…). */
  refused: number[];
  holdsTaken: number[];
  holdsPaid: number[];
  holdsExpired: number[];
  publishes: number[];
  deliveriesFailed: number[];
  deadLettered: number[];
  rateLimited: number[];
  challengeDenied: number[];
  /** Mean ms from reservation to persisted, of the reservations persisted that second (null: none). */
  persistLagMs: Array<number | null>;
}

export interface MonitorNow {
  state: string;
  stock: number;
  total: number;
  held: number;
  /** Holds ending within the next minute. */
  expiringSoon: number;
  paid: number;
  waitlist: number;
  /** Reservations Postgres has not seen in their latest state yet (the journal's size). */
  unpersisted: number;
}

export interface MonitorSnapshot {
  saleId: string;
  /** Server time the snapshot was read (ms). */
  at: number;
  series: MonitorSeries;
  now: MonitorNow;
  /** Every event counted since the sale was armed, by field name ("reserve.SOLD_OUT": 12, …). */
  totals: Record<string, number>;
  /** Refusals since the sale was armed, by reason, largest first. */
  refusalsByReason: Array<{ reason: string; count: number }>;
}
