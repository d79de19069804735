// One measured run per path: fire every shopper once at it through the load generator, then check
// what it left behind. Each run gets a fresh sale, so runs never share stock or buyers.
import { loadavg } from "node:os";
import type { Redis } from "@upstash/redis";
import type { Redis as IORedis } from "ioredis";
import { PURCHASE_STRATEGY_HEADER } from "~/server/bench-switch";
import type { DatabaseClient } from "~/server/db/create-prisma-client";
import type { LocalQStashStats } from "../local-stack/qstash/server";
import { saleKeyList, saleKeys } from "~/server/inventory/keys";
import { loadLua } from "~/server/inventory/lua";
import { createBenchSale, type BenchUser } from "./data";
import {
  checkPostgresPath,
  checkRedisPath,
  checkScriptCeiling,
  expectedSold,
  redisCommandCalls,
  waitForOrders,
  watchRedisStock,
  type InvariantCheck,
} from "./invariants";
import type { LoadGenerator } from "./load/client";
import type { HttpCaller, LoadJob, LoadResult } from "./load/protocol";
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
  namespace: string;
  serverUrl: string;
  serverPid: number;
  generator: LoadGenerator;
  concurrency: number;
  /** The local QStash's counters: how the order deliveries went. */
  qstashStats: () => LocalQStashStats;
}

export interface Shoppers {
  users: BenchUser[];
  callers: HttpCaller[];
}

export function httpJob(ctx: BenchContext, procedure: string, saleId: string, callers: HttpCaller[], headers = {}) {
  return {
    kind: "http" as const,
    origin: ctx.serverUrl,
    path: `/api/trpc/${procedure}`,
    body: JSON.stringify({ json: { saleId } }),
    headers,
    callers,
    concurrency: ctx.concurrency,
  };
}

interface Measured {
  result: LoadResult;
  orderDeliveries?: RunRecord["orderDeliveries"];
  /** Scripts run in Redis (EVALSHA + EVAL) per request: the reservation and the rate limiters. */
  redisScriptsPerRequest: number;
  cpu: CpuShare;
  peakServerRssBytes: number | null;
  loadAverageAtStart: number;
}

/** Runs one load job while sampling the server's memory and the machine's CPU. */
async function measure(ctx: BenchContext, job: LoadJob, withServer: boolean): Promise<Measured> {
  const loadAverageAtStart = loadavg()[0] ?? 0;
  const rss = withServer ? samplePeakRss(ctx.serverPid) : null;
  const callsBefore = await redisCommandCalls(ctx.rawRedis);
  const cpu = sampleCpuShare({ benchPid: process.pid, serverPid: ctx.serverPid, generatorPid: ctx.generator.pid });
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
    if (stats.pending === 0 && stats.inFlight === 0) break;
    if (Date.now() > deadline) throw new Error(`QStash still has ${stats.pending} deliveries pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}

async function untilPendingDrained(redis: IORedis, key: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await redis.zcard(key)) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

export async function runTarget(
  ctx: BenchContext,
  scenario: Scenario,
  target: BenchTarget,
  shoppers: Shoppers,
): Promise<RunRecord> {
  const sale = await createBenchSale(ctx, { name: `${scenario.id}-${target}`, stock: scenario.stock });
  const run = { saleId: sale.id, users: scenario.users, stock: scenario.stock };

  if (target === "stampede") {
    const qstashBefore = ctx.qstashStats();
    const stockWatch = watchRedisStock(ctx.rawRedis, ctx.namespace, sale.id);
    const measured = await measure(ctx, httpJob(ctx, "purchase.reserve", sale.id, shoppers.callers), true);
    const lowestStockSeen = await stockWatch.stop();
    const reachedAt = await waitForOrders(ctx.db, sale.id, expectedSold(scenario));
    const lastReservedAt = measured.result.lastReservedAt;
    const ordersInPostgresMs =
      reachedAt === null ? Number.POSITIVE_INFINITY : Math.max(0, reachedAt - (lastReservedAt ?? reachedAt));
    await untilPendingDrained(ctx.rawRedis, saleKeys(ctx.namespace, sale.id).pending);
    const qstashAfter = ctx.qstashStats();
    measured.orderDeliveries = {
      published: qstashAfter.published - qstashBefore.published,
      delivered: qstashAfter.delivered - qstashBefore.delivered,
      retried: qstashAfter.retried - qstashBefore.retried,
      deadLettered: qstashAfter.deadLettered - qstashBefore.deadLettered,
    };
    const invariants = await checkRedisPath(
      { db: ctx.db, redis: ctx.rawRedis, namespace: ctx.namespace },
      { ...run, reservedAnswers: measured.result.outcomes.RESERVED ?? 0, lowestStockSeen },
    );
    return record(scenario, target, ctx, measured, invariants, ordersInPostgresMs);
  }

  if (target === "postgres-only") {
    const headers = { [PURCHASE_STRATEGY_HEADER]: "postgres" };
    const measured = await measure(ctx, httpJob(ctx, "purchase.reserve", sale.id, shoppers.callers, headers), true);
    const invariants = await checkPostgresPath(ctx.db, {
      ...run,
      reservedAnswers: measured.result.outcomes.RESERVED ?? 0,
    });
    return record(scenario, target, ctx, measured, invariants, null);
  }

  if (target === "noop") {
    const measured = await measure(ctx, httpJob(ctx, "bench.noop", sale.id, shoppers.callers), true);
    return record(scenario, target, ctx, measured, [], null);
  }

  const scriptJob: LoadJob = {
    kind: "script",
    redisUrl: ctx.redisUrl,
    script: loadLua("reserve"),
    keys: saleKeyList(saleKeys(ctx.namespace, sale.id)),
    userIds: shoppers.users.map((user) => user.id),
    concurrency: ctx.concurrency,
  };
  const measured = await measure(ctx, scriptJob, false);
  const invariants = await checkScriptCeiling(
    { redis: ctx.rawRedis, namespace: ctx.namespace },
    { ...run, reservedAnswers: measured.result.outcomes.RESERVED ?? 0 },
  );
  return record(scenario, target, ctx, measured, invariants, null);
}

function record(
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
