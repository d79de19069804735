// One measured run per path: fire every shopper once at it through the load generator, then check
// what it left behind. Each run gets a fresh sale, so runs never share stock or buyers.
import { PURCHASE_STRATEGY_HEADER } from "~/server/bench/switch";
import { DEFAULT_POOL_SIZE } from "~/server/db/create-prisma-client";
import { saleKeyList, saleKeys } from "~/server/inventory/keys";
import { loadLua } from "~/server/inventory/lua";
import { createBenchSale, type BenchUser } from "./data";
import {
  checkPostgresPath,
  checkRedisPath,
  checkScriptCeiling,
  expectedSold,
  watchOrders,
  watchRedisStock,
} from "./invariants";
import type { HttpCaller, LoadJob } from "./load/protocol";
import { measure, record, untilPendingDrained, type BenchContext } from "./measure";
import type { BenchTarget, Scenario } from "./options";
import type { RunRecord } from "./report";

export { settle, type BenchContext } from "./measure";

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
    const ordersWatch = watchOrders(ctx.db, sale.id, expectedSold(scenario));
    const measured = await measure(ctx, httpJob(ctx, "purchase.reserve", sale.id, shoppers.callers), true);
    const lowestStockSeen = await stockWatch.stop();
    const reachedAt = await ordersWatch.reached();
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
    // The same procedure, answered by the bench's no-op services: the framework's floor.
    const headers = { [PURCHASE_STRATEGY_HEADER]: "noop" };
    const measured = await measure(ctx, httpJob(ctx, "purchase.reserve", sale.id, shoppers.callers, headers), true);
    return record(scenario, target, ctx, measured, [], null);
  }

  if (target === "postgres-tx") {
    const sqlJob: LoadJob = {
      kind: "sql",
      databaseUrl: ctx.databaseUrl,
      poolSize: DEFAULT_POOL_SIZE,
      saleId: sale.id,
      userIds: shoppers.users.map((user) => user.id),
      concurrency: ctx.concurrency,
    };
    const measured = await measure(ctx, sqlJob, false);
    const invariants = await checkPostgresPath(ctx.db, {
      ...run,
      reservedAnswers: measured.result.outcomes.RESERVED ?? 0,
    });
    return record(scenario, target, ctx, measured, invariants, null);
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
