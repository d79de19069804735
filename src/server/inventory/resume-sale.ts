// A sale whose hot state Redis lost (restart without persistence, FLUSHALL, failover) re-arms
// itself, once, without a person: the buy path that finds the state missing asks here, answers the
// shopper "resuming" at once, and one instance across the deployment rebuilds the state.
//
// Re-arming must count every acknowledged reservation, not only the persisted ones. A shopper is
// told RESERVED only after QStash has accepted the order message, so every acknowledged
// reservation is either an order in Postgres or a message QStash still holds for this sale's
// flow-control key. The rebuild therefore waits until that key has drained — nothing waiting,
// nothing being delivered — and only then arms from Postgres, where every acknowledged unit now is.
// While it waits the sale answers 503 "resuming". If a count were ever wrong anyway, Postgres's
// capacity guard refuses what does not fit (see ~/server/orders/persist-order.ts).
import { randomUUID } from "node:crypto";
import { QstashError, type Client as QStashClient } from "@upstash/qstash";
import type { Redis } from "@upstash/redis";
import { STOREFRONT_STATES, type SaleState } from "~/lib/sale";
import type { DatabaseClient } from "~/server/db";
import type { Logger } from "~/server/logger";
import { rearmSale } from "./arm-sale";
import { saleKeys } from "./keys";
import { scriptFor } from "./scripts";

/** The QStash flow-control key every order message of one sale travels under. */
export function saleFlowControlKey(namespace: string, saleId: string): string {
  return `${namespace}.sale.${saleId}`.replace(/[^A-Za-z0-9._-]/g, "_");
}

export interface ResumeOptions {
  /** How often to ask QStash whether the sale's messages have drained. */
  pollMs: number;
  /** Give up this attempt (the lock is released; the next shopper starts another) after this long. */
  maxWaitMs: number;
  /** At least this long after the loss was noticed: publishes already under way land in QStash. */
  graceMs: number;
}

export const DEFAULT_RESUME_OPTIONS: ResumeOptions = { pollMs: 200, maxWaitMs: 60_000, graceMs: 1_500 };
const KNOWN_SALE_CACHE_MS = 2_000;
/** Sale ids come from shoppers: remembered answers are capped, not kept for every id ever asked. */
const KNOWN_SALE_CAPACITY = 10_000;

export type MissingStateVerdict = "RESUMING" | "UNKNOWN_SALE";

export function createSaleResumer(deps: {
  db: DatabaseClient;
  redis: Redis;
  qstash: QStashClient;
  namespace: string;
  logger: Logger;
  options?: Partial<ResumeOptions>;
}) {
  const options = { ...DEFAULT_RESUME_OPTIONS, ...deps.options };
  const known = new Map<string, { state: SaleState | null; until: number }>();
  const running = new Map<string, Promise<void>>();

  async function storedState(saleId: string): Promise<SaleState | null> {
    const hit = known.get(saleId);
    if (hit && hit.until > Date.now()) return hit.state;
    const sale = await deps.db.sale.findUnique({ where: { id: saleId }, select: { state: true } });
    if (known.size >= KNOWN_SALE_CAPACITY) known.clear();
    known.set(saleId, { state: sale?.state ?? null, until: Date.now() + KNOWN_SALE_CACHE_MS });
    return sale?.state ?? null;
  }

  /** True only when QStash says nothing of this sale is still coming; an error is "not yet". */
  async function drained(saleId: string): Promise<boolean> {
    try {
      const info = await deps.qstash.flowControl.get(saleFlowControlKey(deps.namespace, saleId));
      return info.waitListSize === 0 && info.parallelismCount === 0;
    } catch (error) {
      // QStash answers 404 for a key it holds nothing under: no message of this sale is in flight.
      return error instanceof QstashError && error.status === 404;
    }
  }

  async function rearmWhenDrained(saleId: string): Promise<void> {
    const lock = saleKeys(deps.namespace, saleId).rearmLock;
    const token = randomUUID();
    const got = await deps.redis.set(lock, token, { nx: true, px: options.maxWaitMs + 10_000 });
    if (got !== "OK") return; // another instance is re-arming this sale
    const started = Date.now();
    try {
      await sleep(options.graceMs);
      while (!(await drained(saleId))) {
        if (Date.now() - started > options.maxWaitMs) {
          deps.logger.error("sale.resume_waiting", { saleId, waitedMs: Date.now() - started });
          return;
        }
        await sleep(options.pollMs);
      }
      const result = await rearmSale(deps, saleId);
      deps.logger.warn("sale.resumed", { saleId, tookMs: Date.now() - started, ...result });
    } finally {
      // Only our own lock: an attempt that outlived its lock must not free another instance's.
      await scriptFor(deps.redis, "release-lock").exec([lock], [token]);
    }
  }

  return {
    /**
     * Called when Redis has no state for a sale. A sale the storefront shows is resuming (its
     * rebuild starts here unless one is under way); anything else is unknown to shoppers.
     */
    async onMissingState(saleId: string): Promise<MissingStateVerdict> {
      const state = await storedState(saleId);
      if (!state || !(STOREFRONT_STATES as readonly string[]).includes(state)) return "UNKNOWN_SALE";
      if (!running.has(saleId)) {
        const attempt = rearmWhenDrained(saleId)
          .catch((error: unknown) =>
            deps.logger.error("sale.resume_failed", {
              saleId,
              message: error instanceof Error ? error.message : String(error),
            }),
          )
          .finally(() => running.delete(saleId));
        running.set(saleId, attempt);
      }
      return "RESUMING";
    },
    /** Settles once this instance's current re-arm attempts are over (tests, graceful shutdown). */
    async settled(): Promise<void> {
      await Promise.all(running.values());
    },
  };
}

export type SaleResumer = ReturnType<typeof createSaleResumer>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
