// The Prometheus text exposition (format 0.0.4) of the sales running now or ended within the last
// 24 hours: counters from each sale's totals hash (the same exact counts on every instance, since
// they live in Redis, not in the instance), gauges from its hash and indexes, the persist lag as a
// histogram, and dead letters from QStash's DLQ. Every sample is labelled sale="<slug>".
import type { DatabaseClient } from "~/server/db";
import { PERSIST_LAG_BUCKETS_MS } from "./events";
import { readSaleFigures, type MetricsReadDeps, type SaleFigures } from "./reader";

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
/** How long after its end a sale is still exported. */
export const EXPORT_AFTER_END_MS = 24 * 60 * 60 * 1000;
const MAX_SALES = 200;

export interface ExportedSale {
  slug: string;
  figures: SaleFigures;
  /** Messages about this sale in QStash's DLQ; absent when the DLQ could not be read. */
  deadLetters?: number;
}

interface Family {
  name: string;
  type: "counter" | "gauge" | "histogram";
  help: string;
  samples: string[];
}

/** Counters from the totals hash: event prefix → family, and the label naming the rest. */
const COUNTERS: Array<{ prefix: string; name: string; label?: string; help: string }> = [
  {
    prefix: "reserve.",
    name: "stampede_reserve_answers_total",
    label: "status",
    help: "Answers of the reserve step, by status.",
  },
  {
    prefix: "lobby.",
    name: "stampede_lobby_answers_total",
    label: "status",
    help: "Answers of a fair draw's lobby entry, by status.",
  },
  {
    prefix: "hold.",
    name: "stampede_holds_total",
    label: "event",
    help: "Holds taken, paid, expired, cancelled and released.",
  },
  {
    prefix: "waitlist.",
    name: "stampede_waitlist_events_total",
    label: "event",
    help: "Shoppers who joined the waitlist, and units offered to it.",
  },
  {
    prefix: "draw.",
    name: "stampede_draw_entrants_total",
    label: "outcome",
    help: "A fair draw's entrants: winners given a hold, the rest queued.",
  },
  {
    prefix: "publish.",
    name: "stampede_order_publishes_total",
    label: "result",
    help: "Order messages handed to QStash (ok) or refused by it (failed).",
  },
  {
    prefix: "delivery.",
    name: "stampede_order_deliveries_total",
    label: "result",
    help: "Order deliveries persisted (ok), answered with an error (failed), given up by QStash (dead).",
  },
  { prefix: "ratelimit.denied", name: "stampede_rate_limited_total", help: "Attempts the rate limiter turned away." },
  {
    prefix: "challenge.",
    name: "stampede_challenge_denials_total",
    label: "reason",
    help: "Challenges refused before the sale's atomic step.",
  },
  {
    prefix: "soldout.cached",
    name: "stampede_sold_out_from_memory_total",
    help: "Sold-out answers given from an instance's memory, without Redis.",
  },
];

/** Escapes a label value (backslash, double quote, line feed). */
export function labelValue(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

function sample(name: string, labels: Record<string, string>, value: number): string {
  const rendered = Object.entries(labels)
    .map(([key, v]) => `${key}="${labelValue(v)}"`)
    .join(",");
  return `${name}{${rendered}} ${Number.isFinite(value) ? value : 0}`;
}

export function renderPrometheus(sales: readonly ExportedSale[]): string {
  const counters: Family[] = COUNTERS.map(({ name, help }) => ({ name, type: "counter", help, samples: [] }));
  const gauge = (name: string, help: string): Family => ({ name, type: "gauge", help, samples: [] });
  const gauges = {
    stock: gauge("stampede_stock", "Units free now."),
    total: gauge("stampede_stock_total", "The sale's total stock."),
    held: gauge("stampede_held", "Holds waiting for payment now."),
    expiring: gauge("stampede_held_expiring_soon", "Holds ending within the next minute."),
    paid: gauge("stampede_paid", "Units paid for (or confirmed without payment)."),
    waitlist: gauge("stampede_waitlist", "Shoppers on the waitlist now."),
    unpersisted: gauge("stampede_unpersisted", "Records Postgres has not seen in their latest state yet."),
    adjusted: gauge("stampede_stock_adjusted_units", "Units added (negative: removed) by live stock edits."),
    dead: gauge("stampede_dead_letters", "Messages about the sale in QStash's dead-letter queue."),
  };
  const lag: Family = {
    name: "stampede_persist_lag_seconds",
    type: "histogram",
    help: "From a reservation to its first write to Postgres.",
    samples: [],
  };

  for (const { slug, figures, deadLetters } of sales) {
    const sale = { sale: slug };
    const { totals } = figures;
    for (const [event, n] of Object.entries(totals).sort(([a], [b]) => a.localeCompare(b))) {
      const index = COUNTERS.findIndex(({ prefix }) => event.startsWith(prefix));
      if (index < 0) continue;
      const { prefix, label } = COUNTERS[index]!;
      const labels = label ? { ...sale, [label]: event.slice(prefix.length) } : sale;
      counters[index]!.samples.push(sample(COUNTERS[index]!.name, labels, n));
    }
    gauges.stock.samples.push(sample(gauges.stock.name, sale, figures.stock));
    gauges.total.samples.push(sample(gauges.total.name, sale, figures.total));
    gauges.held.samples.push(sample(gauges.held.name, sale, figures.held));
    gauges.expiring.samples.push(sample(gauges.expiring.name, sale, figures.expiringSoon));
    gauges.paid.samples.push(sample(gauges.paid.name, sale, figures.paid));
    gauges.waitlist.samples.push(sample(gauges.waitlist.name, sale, figures.waitlist));
    gauges.unpersisted.samples.push(sample(gauges.unpersisted.name, sale, figures.unpersisted));
    gauges.adjusted.samples.push(sample(gauges.adjusted.name, sale, totals["stock.adjusted"] ?? 0));
    if (deadLetters !== undefined) gauges.dead.samples.push(sample(gauges.dead.name, sale, deadLetters));

    const count = totals["persist.count"] ?? 0;
    for (const bound of PERSIST_LAG_BUCKETS_MS) {
      lag.samples.push(
        sample(`${lag.name}_bucket`, { ...sale, le: String(bound / 1000) }, totals[`persist.le_${bound}`] ?? 0),
      );
    }
    lag.samples.push(sample(`${lag.name}_bucket`, { ...sale, le: "+Inf" }, count));
    lag.samples.push(sample(`${lag.name}_sum`, sale, (totals["persist.lag_ms"] ?? 0) / 1000));
    lag.samples.push(sample(`${lag.name}_count`, sale, count));
  }

  const lines: string[] = [];
  for (const family of [...counters, ...Object.values(gauges), lag]) {
    lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`, ...family.samples);
  }
  return `${lines.join("\n")}\n`;
}

export interface ExportDeps extends MetricsReadDeps {
  db: DatabaseClient;
  /** Dead letters per sale id; a failure leaves the gauge out rather than failing the scrape. */
  deadLetters?: () => Promise<Array<{ saleId: string | null }>>;
}

/** The sales worth exporting now: running, or ended within the last 24 hours. */
export async function exportedSales(db: DatabaseClient, nowMs: number): Promise<Array<{ id: string; slug: string }>> {
  const now = new Date(nowMs);
  const since = new Date(nowMs - EXPORT_AFTER_END_MS);
  return db.sale.findMany({
    where: {
      state: { in: ["PUBLISHED", "PAUSED", "ENDED"] },
      startsAt: { lte: now },
      OR: [{ endedAt: { gte: since } }, { endedAt: null, endsAt: { gte: since } }],
    },
    orderBy: { startsAt: "desc" },
    take: MAX_SALES,
    select: { id: true, slug: true },
  });
}

/** Reads and renders the whole exposition: one Postgres query, one Redis pipeline, the DLQ list. */
export async function readPrometheus(deps: ExportDeps): Promise<string> {
  const sales = await exportedSales(deps.db, (deps.now ?? Date.now)());
  const [figures, letters] = await Promise.all([
    readSaleFigures(
      deps,
      sales.map((sale) => sale.id),
    ),
    deps.deadLetters ? deps.deadLetters().catch(() => null) : Promise.resolve(null),
  ]);
  const deadPerSale = new Map<string, number>();
  for (const letter of letters ?? []) {
    if (letter.saleId) deadPerSale.set(letter.saleId, (deadPerSale.get(letter.saleId) ?? 0) + 1);
  }
  return renderPrometheus(
    sales.map((sale) => ({
      slug: sale.slug,
      figures: figures.get(sale.id)!,
      ...(letters ? { deadLetters: deadPerSale.get(sale.id) ?? 0 } : {}),
    })),
  );
}
