// Measuring one load run: sampling the server's memory and the machine's CPU while it goes, the
// Redis scripts it cost, turning the generator's result into a RunRecord, and waiting for quiet
// between runs.
import { loadavg } from "node:os";
import type { Redis } from "@upstash/redis";
import type { Redis as IORedis } from "ioredis";
import type { DatabaseClient } from "~/server/db/create-prisma-client";
import type { LocalQStashStats } from "../local-stack/qstash/server";
import { redisCommandCalls, type InvariantCheck } from "./invariants";
import type { LoadGenerator } from "./load/client";
import type { LoadJob, LoadResult } from "./load/protocol";
import type { BenchTarget, Scenario } from "./options";
import { errorCount } from "./outcomes";
import { sampleCpuShare, samplePeakRss, type CpuShare } from "./process-stats";
import type { RunRecord } from "./report";
import { requestsPerSecond, summarizeLatencies } from "./stats";

export interface BenchContext {
  db: DatabaseClient;
  redis: Redis;
  rawRedis: IORedis;
  redisUrl: string;
  databaseUrl: string;
  namespace: string;
  serverUrl: string;
  /** The `next start` processes: the one under load, and the order-callback instance when there is one. */
  serverPids: number[];
  generator: LoadGenerator;
  concurrency: number;
  /** The local QStash's counters: how the order deliveries went. */
  qstashStats: () => LocalQStashStats;
}

export interface Measured {
  result: LoadResult;
  orderDeliveries?: RunRecord["orderDeliveries"];
  /** Scripts run in Redis (EVALSHA + EVAL) per request: the reservation and the rate limiters. */
  redisScriptsPerRequest: number;
  cpu: CpuShare;
  peakServerRssBytes: number | null;
  loadAverageAtStart: number;
}

/** Runs one load job while sampling the server's memory and the machine's CPU. */
export async function measure(ctx: BenchContext, job: LoadJob, withServer: boolean): Promise<Measured> {
  const loadAverageAtStart = loadavg()[0] ?? 0;
  const rss = withServer ? samplePeakRss(ctx.serverPids) : null;
  const callsBefore = await redisCommandCalls(ctx.rawRedis);
  const cpu = sampleCpuShare({ benchPid: process.pid, serverPids: ctx.serverPids, generatorPid: ctx.generator.pid });
  const result = await ctx.generator.run(job);
  const cpuShare = cpu.stop();
  const peakServerRssBytes = rss?.stop() ?? null;
  const callsAfter = await redisCommandCalls(ctx.rawRedis);
  const scripts = ["evalsha", "eval"].reduce(
    (sum, name) => sum + (callsAfter[name] ?? 0) - (callsBefore[name] ?? 0),
    0,
  );
  const requests = result.latenciesMs.length;
  return {
    result,
    cpu: cpuShare,
    peakServerRssBytes,
    loadAverageAtStart,
    redisScriptsPerRequest: requests ? scripts / requests : 0,
  };
}

/**
 * Waits until QStash has nothing queued or in flight, then a moment more: deliveries left over from
 * one run would otherwise compete with the next one (and its orders would queue behind them).
 */
export async function settle(ctx: BenchContext, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stats = ctx.qstashStats();
    // Holds' expiry messages wait minutes for their not-before: only messages due now count.
    if (stats.due === 0 && stats.inFlight === 0) break;
    if (Date.now() > deadline)
      throw new Error(`QStash still has ${stats.pending} deliveries pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}

export async function untilPendingDrained(redis: IORedis, key: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await redis.zcard(key)) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

export function record(
  scenario: Scenario,
  target: BenchTarget,
  ctx: BenchContext,
  measured: Measured,
  invariants: InvariantCheck[],
  ordersInPostgresMs: number | null,
): RunRecord {
  const { result, cpu } = measured;
  const requests = result.latenciesMs.length;
  const perRequest = (ms: number) => (requests ? ms / requests : 0);
  return {
    scenario: scenario.id,
    scenarioLabel: scenario.label,
    users: scenario.users,
    stock: scenario.stock,
    target,
    concurrency: ctx.concurrency,
    requests,
    elapsedMs: result.elapsedMs,
    requestsPerSecond: requestsPerSecond(requests, result.elapsedMs),
    latencyMs: summarizeLatencies(result.latenciesMs),
    outcomes: result.outcomes,
    errors: errorCount(result.outcomes),
    ordersInPostgresMs,
    peakServerRssMb: measured.peakServerRssBytes === null ? null : measured.peakServerRssBytes / 2 ** 20,
    cpuMsPerRequest: Object.fromEntries(
      Object.entries(cpu.msByGroup).map(([group, ms]) => [group, Math.round(perRequest(ms) * 1000) / 1000]),
    ),
    machineBusyCores: cpu.busyCores,
    orderDeliveries: measured.orderDeliveries ?? null,
    redisScriptsPerRequest: Math.round(measured.redisScriptsPerRequest * 1000) / 1000,
    loadAverageAtStart: measured.loadAverageAtStart,
    errorSamples: result.errorSamples,
    invariants,
  };
}
