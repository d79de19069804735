// One resilience test file's world: its private stack, the app process serving it, the reconcile
// schedule pointing at that process (created with the deploy script's own code), and the steps
// every scenario repeats — a sale, signed-in shoppers, a storm, waiting for the drain with the
// schedule fired in place of a minute passing, the books, and a one-line summary.
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { upsertReconcileSchedule } from "../../../scripts/deploy/reconcile-schedule";
import { mintSessionToken } from "~/server/auth/session-token";
import { createPrismaClient } from "~/server/db";
import { readJournal } from "~/server/inventory/journal";
import { createQStashClient } from "~/server/qstash";
import { createRedisClient } from "~/server/redis";
import type { ServiceTunings } from "~/server/services";
import { createArmedSale, createUsers } from "../fixtures";
import { startAppProcess } from "./app-process";
import { checkBooks, type Books } from "./books";
import { startPrivateStack } from "./private-stack";
import { type Shopper, type Storm, type StormResult, orderStatusOnce, startStorm } from "./storm";

/** The schedule's cut-off: firing it stands in for a minute passing, so entries need not be 30 s old. */
export const RECONCILE_AGE_SECONDS = 2;

export interface WorldOptions {
  tunings?: ServiceTunings;
  qstashRetryBaseDelayMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startWorld(options: WorldOptions = {}) {
  const stack = await startPrivateStack({ qstashRetryBaseDelayMs: options.qstashRetryBaseDelayMs });
  const namespace = `resilience-${randomBytes(4).toString("hex")}`;
  const authSecret = randomBytes(32).toString("base64url");
  const logFile = path.join(tmpdir(), `stampede-app-process-${namespace}.log`);
  const app = await startAppProcess({
    env: {
      ...stack.env,
      NODE_ENV: "test" as const,
      STAMPEDE_NAMESPACE: namespace,
      AUTH_SECRET: authSecret,
      LOG_LEVEL: "warn",
      TRUSTED_PROXY_HOPS: "1",
    },
    tunings: options.tunings,
    logFile,
  }).catch(async (error: unknown) => {
    await stack.close();
    throw error;
  });

  // Quiet: a test asking a stopped Postgres expects the error and needs no log line for it.
  const db = createPrismaClient(stack.env.DATABASE_URL, { log: [] });
  const redis = createRedisClient(stack.env.UPSTASH_REDIS_REST_URL, stack.env.UPSTASH_REDIS_REST_TOKEN);
  const qstash = createQStashClient(stack.env.QSTASH_URL, stack.env.QSTASH_TOKEN);
  const schedule = await upsertReconcileSchedule(qstash, {
    publicUrl: app.url,
    namespace,
    olderThanSeconds: RECONCILE_AGE_SECONDS,
  }).catch(async (error: unknown) => {
    await app.stop();
    await stack.close();
    throw error;
  });
  let shopperCount = 0;

  /**
   * Until the local QStash holds nothing due: nothing waiting, nothing being delivered. Holds'
   * expiry messages scheduled minutes ahead are not work to wait for.
   */
  async function qstashIdle(timeoutMs = 90_000): Promise<void> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const stats = stack.qstash.stats();
      if (stats.due === 0 && stats.inFlight === 0) return;
      await sleep(50);
    }
    throw new Error(`QStash still held messages after ${timeoutMs} ms: ${JSON.stringify(stack.qstash.stats())}`);
  }

  return {
    stack,
    app,
    db,
    redis,
    namespace,
    scheduleId: schedule.scheduleId,
    deps: { db, redis, namespace },

    createSale: (totalStock: number) => createArmedSale({ db, redis, namespace }, { totalStock }),

    /** Shoppers in Postgres, each with a session cookie as Auth.js sets it and an address of its own. */
    async createShoppers(count: number): Promise<Shopper[]> {
      const users = await createUsers(db, count);
      const offset = shopperCount;
      shopperCount += count;
      return Promise.all(
        users.map(async (user, index) => {
          const token = await mintSessionToken(user, authSecret, { secureCookie: false });
          const n = offset + index;
          return {
            userId: user.id,
            cookie: `${token.cookieName}=${token.value}`,
            // Each shopper on a /24 of their own, as distinct households are: the per-block
            // allowance (a few entries per network and sale) must not see a storm as one network.
            ip: `10.${(n >> 8) & 255}.${n & 255}.${((n >> 16) & 255) + 1}`,
          };
        }),
      );
    },

    storm: (saleId: string, shoppers: readonly Shopper[], concurrency = 48): Storm =>
      startStorm({ appUrl: app.url, saleId, shoppers, concurrency }),

    /**
     * Waits until QStash has delivered what it holds, then fires the reconcile schedule (as the
     * next minute would), again while the sale's journal still has entries, at most `maxRuns` times.
     * The drain is timed from `since` (default: the storm's last answer).
     */
    async drain(saleId: string, storm: StormResult, options: { since?: number; maxRuns?: number } = {}) {
      const since = options.since ?? storm.endedAt;
      let reconcileRuns = 0;
      let leftForReconciler = 0;
      await qstashIdle();
      for (;;) {
        const entries = await readJournal(redis, namespace, saleId, { limit: 10_000 });
        if (reconcileRuns === 0) leftForReconciler = entries.length;
        if (reconcileRuns > 0 && (entries.length === 0 || reconcileRuns >= (options.maxRuns ?? 3))) break;
        const youngest = Math.max(0, ...entries.map((entry) => entry.reservedAt));
        await sleep(Math.max(0, youngest + RECONCILE_AGE_SECONDS * 1000 + 100 - Date.now()));
        await stack.qstash.triggerSchedule(schedule.scheduleId);
        reconcileRuns += 1;
        await sleep(100);
        await qstashIdle();
      }
      return { drainMs: Date.now() - since, reconcileRuns, leftForReconciler };
    },

    books: (saleId: string, storm: StormResult, expectedRefused = 0): Promise<Books> => {
      const byId = new Map(storm.shoppers.map(({ shopper }) => [shopper.userId, shopper]));
      const orderStatusOf = (userId: string) => orderStatusOnce(app.url, saleId, byId.get(userId)!);
      return checkBooks({ db, redis, namespace, saleId, storm, expectedRefused, orderStatusOf });
    },

    async close(): Promise<void> {
      await app.stop().catch(() => undefined);
      await db.$disconnect().catch(() => undefined);
      await stack.close();
    },
  };
}

export type World = Awaited<ReturnType<typeof startWorld>>;

/** `[name] … | answers RESERVED 200 · SOLD_OUT 1,000 … | orders … | storm …, drained …` */
export function summaryLine(
  name: string,
  storm: StormResult,
  books: Books,
  drain: { drainMs: number; reconcileRuns: number; leftForReconciler: number },
  notes: { drainedSince?: string; extra?: string } = {},
): string {
  const answers = Object.entries(storm.counts())
    .sort(([, a], [, b]) => (b ?? 0) - (a ?? 0))
    .map(([kind, count]) => `${kind} ${count?.toLocaleString("en-US")}`)
    .join(" · ");
  const latencies = storm.answers.map((answer) => answer.ms ?? 0).sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return (
    `[${name}] ${storm.shoppers.length} shoppers / ${books.total} units | answers ${answers} ` +
    `(p50 ${percentile(0.5)} ms, p99 ${percentile(0.99)} ms) | orders ${books.confirmed} confirmed, ` +
    `${books.refused} refused, ${books.unacknowledged} never acknowledged | storm ${seconds(storm.endedAt - storm.startedAt)}, ` +
    `drained ${seconds(drain.drainMs)} after ${notes.drainedSince ?? "the last answer"} ` +
    `(${drain.leftForReconciler} left for the reconciler, schedule fired ×${drain.reconcileRuns})` +
    (notes.extra ? ` | ${notes.extra}` : "")
  );
}
