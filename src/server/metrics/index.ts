// A sale's metrics as one service (built once in services.ts): the recorder the app counts its own
// events with, the monitor's cached snapshots, and the Prometheus exposition.
import type { Redis } from "@upstash/redis";
import type { DatabaseClient } from "~/server/db";
import type { Logger } from "~/server/logger";
import { readPrometheus } from "./prometheus";
import { createMonitorReader, type SnapshotOptions } from "./reader";
import { createMetricsRecorder, flushMetricsOnExit, type MetricsRecorder } from "./recorder";

export type { MetricsRecorder } from "./recorder";

export function createMetricsService(deps: { db: DatabaseClient; redis: Redis; namespace: string; logger: Logger }) {
  const recorder: MetricsRecorder = createMetricsRecorder(deps);
  flushMetricsOnExit();
  const monitor = createMonitorReader(deps);
  return {
    recorder,
    /** The live monitor's snapshot of a sale, at most a second old (see reader.ts). */
    snapshot: (saleId: string, options?: SnapshotOptions) => monitor.snapshot(saleId, options),
    /** The Prometheus text; `deadLetters` lists QStash's DLQ (services.deadLetters.list). */
    prometheus: (deadLetters?: () => Promise<Array<{ saleId: string | null }>>) =>
      readPrometheus({ ...deps, deadLetters }),
  };
}

export type MetricsService = ReturnType<typeof createMetricsService>;
