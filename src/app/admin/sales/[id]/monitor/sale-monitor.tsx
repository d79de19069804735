"use client";
// The live monitor of one sale: a snapshot every second (admin.monitor.snapshot, the last five
// minutes second by second), drawn as charts with the latest figure written beside each, the
// refusals by reason as a table, the stock control and QStash's dead letters for the sale.
import { useQuery } from "@tanstack/react-query";
import type { MonitorSeries, MonitorSnapshot } from "~/lib/monitor";
import { formatTime } from "~/lib/date-format";
import { useLiveCounts, type LiveCounts } from "~/app/admin/_components/live-counts";
import { useTRPC } from "~/trpc/react";
import { DeadLetterTable } from "./dead-letter-table";
import { StockControl } from "./stock-control";
import { TimeChart, type ChartLine } from "./time-chart";
import styles from "./monitor.module.css";

export const SNAPSHOT_POLL_MS = 1_000;

const COLORS = {
  stock: "#15803d",
  held: "#1d4ed8",
  paid: "#7c3aed",
  expired: "#b45309",
  refused: "#be123c",
  waitlist: "#0f766e",
  lag: "#1d4ed8",
  failed: "#b45309",
  dead: "#be123c",
  limited: "#b45309",
  challenge: "#7c3aed",
} as const;

const count = (n: number) => n.toLocaleString("en-US");

/** The last complete second (the newest point is the second still running). */
function lastComplete(values: Array<number | null>): number {
  return values.at(-2) ?? values.at(-1) ?? 0;
}

function peak(values: Array<number | null>): number {
  return values.reduce<number>((max, value) => Math.max(max, value ?? 0), 0);
}

function latestKnown(values: Array<number | null>): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null && values[i] !== undefined) return values[i]!;
  return null;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** "reserve.SOLD_OUT" → "Sold out (reserve)". */
function reasonLabel(reason: string): string {
  const dot = reason.indexOf(".");
  const step = dot === -1 ? "" : reason.slice(0, dot);
  const words = reason
    .slice(dot + 1)
    .toLowerCase()
    .replace(/_/g, " ");
  const sentence = words.charAt(0).toUpperCase() + words.slice(1);
  return step ? `${sentence} (${step})` : sentence;
}

interface FigureProps {
  id: string;
  title: string;
  chartName: string;
  times: number[];
  lines: ChartLine[];
  unit?: string;
  /** The numbers beside the chart: label, value, and a test hook. */
  figures: Array<{ label: string; value: string; testId?: string; raw?: number | null }>;
}

function MonitorFigure({ id, title, chartName, times, lines, unit, figures }: FigureProps) {
  return (
    <section className={styles.card} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className={styles.cardTitle}>
        {title}
      </h3>
      <dl className={styles.figures}>
        {figures.map((figure) => (
          <div key={figure.label} className={styles.figure}>
            <dt>{figure.label}</dt>
            <dd data-testid={figure.testId} data-value={figure.raw ?? ""}>
              {figure.value}
            </dd>
          </div>
        ))}
      </dl>
      <TimeChart name={chartName} times={times} lines={lines} unit={unit} />
    </section>
  );
}

function StateBanner({ live, snapshot }: { live: LiveCounts; snapshot: MonitorSnapshot | undefined }) {
  const messages: Partial<Record<LiveCounts["status"], string>> = {
    paused: "Paused: shoppers cannot reserve until you resume the sale.",
    ended: "Ended: nothing more can be reserved. The figures stay for the record.",
    sold_out: "Sold out: every unit is held or paid. Add units below, or wait for holds to expire.",
    upcoming: "Not started yet: the charts fill once shoppers arrive.",
    draft: "Draft: publish the sale before anything can happen here.",
  };
  const message = messages[live.status];
  const unpersisted = snapshot?.now.unpersisted ?? 0;
  return (
    <>
      {message && (
        <p className={`${styles.banner} ${styles[`banner_${live.status}`] ?? ""}`} data-testid="monitor-state">
          {message}
        </p>
      )}
      {unpersisted > 0 && (
        <p className={styles.muted}>
          {count(unpersisted)} {unpersisted === 1 ? "reservation is" : "reservations are"} on the way to the database.
        </p>
      )}
    </>
  );
}

function Charts({ series, snapshot }: { series: MonitorSeries; snapshot: MonitorSnapshot }) {
  const { now, totals } = snapshot;
  const t = series.t;
  const reservedNow = lastComplete(series.reserved);
  const refusedNow = lastComplete(series.refused);
  const lag = latestKnown(series.persistLagMs);
  const total = (name: string) => totals[name] ?? 0;
  const challengeTotal = Object.entries(totals)
    .filter(([name]) => name.startsWith("challenge."))
    .reduce((acc, [, value]) => acc + value, 0);

  return (
    <div className={styles.grid}>
      <MonitorFigure
        id="chart-stock"
        title="Stock"
        chartName="Units left, second by second, over the last five minutes"
        times={t}
        lines={[{ label: "Units left", color: COLORS.stock, values: series.stock, stepped: true }]}
        figures={[
          {
            label: "Left now",
            value: `${count(now.stock)} of ${count(now.total)}`,
            testId: "monitor-stock",
            raw: now.stock,
          },
        ]}
      />
      <MonitorFigure
        id="chart-reservations"
        title="Reservations and refusals per second"
        chartName="Reservations and refusals per second over the last five minutes"
        times={t}
        lines={[
          { label: "Reserved", color: COLORS.stock, values: series.reserved },
          { label: "Refused", color: COLORS.refused, values: series.refused },
        ]}
        figures={[
          {
            label: "Reserved / s",
            value: count(reservedNow),
            testId: "monitor-reservations-per-second",
            raw: reservedNow,
          },
          {
            label: "Peak / s (5 min)",
            value: count(peak(series.reserved)),
            testId: "monitor-reservations-peak",
            raw: peak(series.reserved),
          },
          { label: "Refused / s", value: count(refusedNow), testId: "monitor-refusals-per-second", raw: refusedNow },
          {
            label: "Reserved (5 min)",
            value: count(sum(series.reserved)),
            testId: "monitor-reservations-window",
            raw: sum(series.reserved),
          },
        ]}
      />
      <MonitorFigure
        id="chart-holds"
        title="Holds"
        chartName="Holds waiting for payment, and holds paid and expired per second, over the last five minutes"
        times={t}
        lines={[
          { label: "Active holds", color: COLORS.held, values: series.held, stepped: true },
          { label: "Paid / s", color: COLORS.paid, values: series.holdsPaid },
          { label: "Expired / s", color: COLORS.expired, values: series.holdsExpired },
        ]}
        figures={[
          { label: "Active", value: count(now.held), testId: "monitor-holds-active", raw: now.held },
          { label: "Expiring within a minute", value: count(now.expiringSoon), raw: now.expiringSoon },
          { label: "Paid", value: count(now.paid), testId: "monitor-holds-paid", raw: now.paid },
        ]}
      />
      <MonitorFigure
        id="chart-waitlist"
        title="Waitlist"
        chartName="Shoppers on the waitlist over the last five minutes"
        times={t}
        lines={[{ label: "Waiting", color: COLORS.waitlist, values: series.waitlist, stepped: true }]}
        figures={[{ label: "Waiting now", value: count(now.waitlist), testId: "monitor-waitlist", raw: now.waitlist }]}
      />
      <MonitorFigure
        id="chart-lag"
        title="Reservation → saved"
        chartName="Mean time from reservation to saved order, per second, over the last five minutes"
        times={t}
        unit=" ms"
        lines={[{ label: "Mean lag", color: COLORS.lag, values: series.persistLagMs }]}
        figures={[
          {
            label: "Latest",
            value: lag === null ? "None saved yet" : `${count(Math.round(lag))} ms`,
            testId: "monitor-lag",
            raw: lag,
          },
          { label: "Waiting to be saved", value: count(now.unpersisted), raw: now.unpersisted },
        ]}
      />
      <MonitorFigure
        id="chart-deliveries"
        title="Deliveries failed and dead-lettered"
        chartName="Order deliveries that failed and that QStash gave up on, per second, over the last five minutes"
        times={t}
        lines={[
          { label: "Failed / s", color: COLORS.failed, values: series.deliveriesFailed },
          { label: "Dead-lettered / s", color: COLORS.dead, values: series.deadLettered },
        ]}
        figures={[
          { label: "Failed (since armed)", value: count(total("delivery.failed")), raw: total("delivery.failed") },
          {
            label: "Dead-lettered (since armed)",
            value: count(total("delivery.dead")),
            testId: "monitor-dead-lettered",
            raw: total("delivery.dead"),
          },
        ]}
      />
      <MonitorFigure
        id="chart-denials"
        title="Rate-limit and challenge denials"
        chartName="Attempts turned away by the rate limit and by the challenge, per second, over the last five minutes"
        times={t}
        lines={[
          { label: "Rate limited / s", color: COLORS.limited, values: series.rateLimited },
          { label: "Challenge denied / s", color: COLORS.challenge, values: series.challengeDenied },
        ]}
        figures={[
          {
            label: "Rate limited (since armed)",
            value: count(total("ratelimit.denied")),
            raw: total("ratelimit.denied"),
          },
          { label: "Challenge denied (since armed)", value: count(challengeTotal), raw: challengeTotal },
        ]}
      />
    </div>
  );
}

function RefusalTable({ snapshot }: { snapshot: MonitorSnapshot }) {
  const rows = snapshot.refusalsByReason;
  return (
    <section className={styles.card} aria-labelledby="refusals-title">
      <h3 id="refusals-title" className={styles.cardTitle}>
        Refusals by reason
      </h3>
      {rows.length === 0 ? (
        <p className={styles.muted}>No refusals yet.</p>
      ) : (
        <table className={styles.table} data-testid="monitor-refusals">
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col" className={styles.number}>
                Since armed
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.reason}>
                <td>{reasonLabel(row.reason)}</td>
                <td className={styles.number}>{count(row.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function SaleMonitor({
  initialCounts,
  initialSnapshot,
}: {
  initialCounts: LiveCounts;
  initialSnapshot: MonitorSnapshot | null;
}) {
  const trpc = useTRPC();
  const live = useLiveCounts(initialCounts);
  const saleId = initialCounts.saleId;
  const snapshotQuery = useQuery({
    ...trpc.admin.monitor.snapshot.queryOptions({ saleId }),
    refetchInterval: SNAPSHOT_POLL_MS,
    refetchIntervalInBackground: false,
    initialData: initialSnapshot ?? undefined,
    staleTime: 0,
  });
  const snapshot = snapshotQuery.data;
  const ended = live.status === "ended" || live.status === "archived";

  return (
    <>
      <StateBanner live={live} snapshot={snapshot} />
      <p className={styles.updated} aria-live="off">
        {snapshot ? (
          <>
            Updated{" "}
            <time dateTime={new Date(snapshot.at).toISOString()}>{formatTime(snapshot.at, { seconds: true })}</time> ·
            every second
          </>
        ) : (
          "Loading the first figures…"
        )}
        {snapshotQuery.isError && (
          <span className={styles.error} role="status">
            {" "}
            · The latest figures could not be read ({snapshotQuery.error.message}); showing the last ones.
          </span>
        )}
      </p>
      <StockControl
        saleId={saleId}
        live={live}
        disabledReason={ended ? "The sale has ended: its stock can no longer change." : null}
      />
      {snapshot && (
        <section aria-labelledby="monitor-charts-title" className={styles.section}>
          <h2 id="monitor-charts-title" className={styles.sectionTitle}>
            The last five minutes
          </h2>
          <Charts series={snapshot.series} snapshot={snapshot} />
          <RefusalTable snapshot={snapshot} />
        </section>
      )}
      <DeadLetterTable saleId={saleId} />
    </>
  );
}
