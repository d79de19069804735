// Counts the app's own metric events (events.ts: publishes, deliveries, persist lag, rate-limit
// and challenge refusals, sold-out answers from memory) without a Redis call per event: each
// instance buffers them per sale and per second and flushes at least once a second, one EVALSHA
// per sale (record-metrics.lua). What an instance buffered and had not flushed when it died is
// lost: at most about a second of its app-side counts. The Lua-counted events never are.
//
// Counting never throws into the caller and never waits: count() only touches memory.
import { waitUntil } from "@vercel/functions";
import { recordMetrics, type MetricCount } from "~/server/inventory/record-metrics";
import type { Redis } from "@upstash/redis";
import type { Logger } from "~/server/logger";
import { PERSIST_LAG_BUCKETS_MS, type AppEvent } from "./events";

export interface MetricsRecorder {
  /** Counts `n` (default 1) of an app-side event for a sale, in this second. */
  count(saleId: string, event: AppEvent, n?: number): void;
  /** A reservation reached Postgres for the first time, `lagMs` after it was reserved. */
  persisted(saleId: string, lagMs: number): void;
  /** Writes everything buffered now; resolves when Redis has it (or the attempt failed and was logged). */
  flush(): Promise<void>;
}

export interface RecorderOptions {
  redis: Redis;
  namespace: string;
  logger: Logger;
  /** How long an event may wait in memory; at most a second. */
  intervalMs?: number;
  now?: () => number;
}

/** Fields a sale's buffer keeps across failed flushes before it drops counts (Redis down for long). */
const MAX_BUFFERED_FIELDS = 5_000;

/** Per sale: "<second>:<event>" → the count waiting to be written. */
type SaleBuffer = Map<string, MetricCount>;

export function createMetricsRecorder(options: RecorderOptions): MetricsRecorder {
  const { redis, namespace, logger } = options;
  const intervalMs = Math.min(options.intervalMs ?? 1_000, 1_000);
  const now = options.now ?? Date.now;
  let buffers = new Map<string, SaleBuffer>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> = Promise.resolve();

  function add(saleId: string, second: number, event: string, n: number) {
    let buffer = buffers.get(saleId);
    if (!buffer) buffers.set(saleId, (buffer = new Map()));
    const field = `${second}:${event}`;
    const current = buffer.get(field);
    if (current) current.n += n;
    else buffer.set(field, { second, event, n });
  }

  function schedule() {
    if (timer) return;
    exitFlushes.add(recorder);
    timer = setTimeout(() => {
      timer = null;
      void recorder.flush();
    }, intervalMs);
    // A process with nothing else to do may exit; the exit hook below flushes what is left.
    timer.unref?.();
    // On Vercel the function stays alive until the flush is done (no-op elsewhere).
    waitUntil(new Promise<void>((resolve) => setTimeout(resolve, intervalMs + 50).unref?.()).then(() => inFlight));
  }

  async function write(saleId: string, buffer: SaleBuffer) {
    try {
      await recordMetrics(redis, namespace, saleId, [...buffer.values()]);
    } catch (error) {
      // Kept for the next flush while the buffer stays small; dropped (and said so) after that.
      const kept = buffers.get(saleId);
      if ((kept?.size ?? 0) + buffer.size <= MAX_BUFFERED_FIELDS) {
        for (const { second, event, n } of buffer.values()) add(saleId, second, event, n);
        schedule();
      } else {
        logger.warn("metrics.dropped", { saleId, fields: buffer.size });
      }
      logger.warn("metrics.flush_failed", {
        saleId,
        message: error instanceof Error ? error.message.split("\n")[0] : String(error),
      });
    }
  }

  const recorder: MetricsRecorder = {
    count(saleId, event, n = 1) {
      if (n === 0) return;
      add(saleId, Math.floor(now() / 1000), event, n);
      schedule();
    },
    persisted(saleId, lagMs) {
      const second = Math.floor(now() / 1000);
      const lag = Math.max(0, Math.round(lagMs));
      add(saleId, second, "persist.count", 1);
      add(saleId, second, "persist.lag_ms", lag);
      for (const bound of PERSIST_LAG_BUCKETS_MS) if (lag <= bound) add(saleId, second, `persist.le_${bound}`, 1);
      schedule();
    },
    flush() {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      const taken = buffers;
      buffers = new Map();
      if (taken.size === 0) exitFlushes.delete(recorder);
      const done = inFlight.then(() => Promise.all([...taken].map(([saleId, buffer]) => write(saleId, buffer))));
      inFlight = done.then(() => undefined);
      return inFlight;
    },
  };
  return recorder;
}

/** Recorders holding unflushed counts: flushed when the process is about to exit. */
const exitFlushes = new Set<MetricsRecorder>();
let exitHooked = false;

function flushAll(): Promise<unknown> {
  const pending = [...exitFlushes];
  exitFlushes.clear();
  return Promise.all(pending.map((recorder) => recorder.flush()));
}

/**
 * Flushes every recorder's counts before the process ends: when the event loop empties, and on
 * SIGTERM/SIGINT beside whoever else handles them (`next start` closes its server and exits). A
 * process where nobody else handles the signal still ends by it once the flush is done.
 */
export function flushMetricsOnExit(): void {
  if (exitHooked || typeof process === "undefined" || typeof process.on !== "function") return;
  exitHooked = true;
  process.on("beforeExit", () => {
    if (exitFlushes.size > 0) void flushAll();
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const onSignal = () => {
      const alone = process.listenerCount(signal) === 1;
      void flushAll().finally(() => {
        if (!alone) return;
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      });
    };
    process.on(signal, onSignal);
  }
}
