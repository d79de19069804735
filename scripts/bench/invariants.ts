// The correctness a run must keep, checked after it: exactly min(stock, users) units sold, each to
// a different shopper, every one of them an order in Postgres, and stock never below zero.
import type { Redis as IORedis } from "ioredis";
import type { DatabaseClient } from "~/server/db/create-prisma-client";
import { saleKeys } from "~/server/inventory/keys";

export interface InvariantCheck {
  name: string;
  ok: boolean;
  expected: number;
  actual: number;
}

const check = (name: string, expected: number, actual: number): InvariantCheck => ({
  name,
  ok: expected === actual,
  expected,
  actual,
});

export const expectedSold = (scenario: { users: number; stock: number }) => Math.min(scenario.stock, scenario.users);
export const expectedStockLeft = (scenario: { users: number; stock: number }) =>
  Math.max(0, scenario.stock - scenario.users);

async function orderFigures(db: DatabaseClient, saleId: string) {
  const [row] = await db.$queryRaw<Array<{ orders: bigint; buyers: bigint }>>`
    SELECT count(*) AS orders, count(DISTINCT "userId") AS buyers FROM "Order" WHERE "saleId" = ${saleId}`;
  return { orders: Number(row?.orders ?? 0), buyers: Number(row?.buyers ?? 0) };
}

/**
 * Watches the sale's order count from before the load starts, so the moment every order is in
 * Postgres is known even when it comes while the storm is still running. `reached()` waits (up to
 * `timeoutMs` after the load) and gives that epoch ms, or null if it never came.
 */
export function watchOrders(db: DatabaseClient, saleId: string, expected: number, intervalMs = 20) {
  let reachedAt: number | null = null;
  let stopped = false;
  const poll = (async () => {
    while (!stopped && reachedAt === null) {
      if ((await db.order.count({ where: { saleId } })) >= expected) reachedAt = Date.now();
      else await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async reached(timeoutMs = 60_000): Promise<number | null> {
      const timer = setTimeout(() => (stopped = true), timeoutMs);
      await poll;
      clearTimeout(timer);
      return reachedAt;
    },
  };
}

/** Watches the sale's Redis stock while a run is in flight; `stop()` gives the lowest value seen. */
export function watchRedisStock(redis: IORedis, namespace: string, saleId: string, intervalMs = 50) {
  const key = saleKeys(namespace, saleId).sale;
  let lowest = Number.POSITIVE_INFINITY;
  const sample = async () => {
    const value = await redis.hget(key, "stock").catch(() => null);
    if (value !== null) lowest = Math.min(lowest, Number(value));
  };
  const timer = setInterval(() => void sample(), intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      return lowest;
    },
  };
}

export async function checkRedisPath(
  deps: { db: DatabaseClient; redis: IORedis; namespace: string },
  run: { saleId: string; users: number; stock: number; reservedAnswers: number; lowestStockSeen: number },
): Promise<InvariantCheck[]> {
  const keys = saleKeys(deps.namespace, run.saleId);
  const { orders, buyers } = await orderFigures(deps.db, run.saleId);
  const sold = expectedSold(run);
  return [
    check("RESERVED answers = min(stock, users)", sold, run.reservedAnswers),
    check("orders in Postgres = min(stock, users)", sold, orders),
    check("no shopper with two orders (distinct buyers = orders)", orders, buyers),
    check("buyers in Redis = min(stock, users)", sold, await deps.redis.hlen(keys.buyers)),
    check(
      "Redis stock at the end = max(0, stock − users)",
      expectedStockLeft(run),
      Number(await deps.redis.hget(keys.sale, "stock")),
    ),
    check("Redis stock never negative (lowest seen, clamped)", 0, Math.min(0, run.lowestStockSeen)),
    check("reservations still waiting for Postgres", 0, await deps.redis.zcard(keys.pending)),
  ];
}

export async function checkPostgresPath(
  db: DatabaseClient,
  run: { saleId: string; users: number; stock: number; reservedAnswers: number },
): Promise<InvariantCheck[]> {
  const { orders, buyers } = await orderFigures(db, run.saleId);
  const [row] = await db.$queryRaw<Array<{ stock_left: number }>>`
    SELECT stock_left FROM bench_pg_stock WHERE sale_id = ${run.saleId}`;
  const sold = expectedSold(run);
  return [
    check("RESERVED answers = min(stock, users)", sold, run.reservedAnswers),
    check("orders in Postgres = min(stock, users)", sold, orders),
    check("no shopper with two orders (distinct buyers = orders)", orders, buyers),
    check("stock_left at the end = max(0, stock − users)", expectedStockLeft(run), row?.stock_left ?? -1),
  ];
}

export async function checkScriptCeiling(
  deps: { redis: IORedis; namespace: string },
  run: { saleId: string; users: number; stock: number; reservedAnswers: number },
): Promise<InvariantCheck[]> {
  const keys = saleKeys(deps.namespace, run.saleId);
  return [
    check("RESERVED answers = min(stock, users)", expectedSold(run), run.reservedAnswers),
    check(
      "Redis stock at the end = max(0, stock − users)",
      expectedStockLeft(run),
      Number(await deps.redis.hget(keys.sale, "stock")),
    ),
  ];
}

/** Calls per Redis command so far (INFO commandstats), to count the round trips a run cost. */
export async function redisCommandCalls(redis: IORedis): Promise<Record<string, number>> {
  const info = await redis.info("commandstats");
  const calls: Record<string, number> = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls[match[1]!] = Number(match[2]);
  return calls;
}
