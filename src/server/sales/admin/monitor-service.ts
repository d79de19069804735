// What the live monitor and the live headers need from the admin domain: the light figures polled
// by the list and the editor, and the stock change by a number of units. Built once in services.ts.
import type { Redis } from "@upstash/redis";
import type { DatabaseClient } from "~/server/db";
import type { Logger } from "~/server/logger";
import { createStockAdjuster } from "./adjust-stock";
import { readLiveCounts } from "./live-counts";
import type { AdminDeps, ReadDeps } from "./result";

export function createMonitorService(deps: {
  db: DatabaseClient;
  redis: Redis;
  namespace: string;
  logger: Logger;
  now?: () => Date;
}) {
  const read: ReadDeps = { db: deps.db, redis: deps.redis, namespace: deps.namespace, now: deps.now };
  const as = (actorId: string): AdminDeps => ({
    ...read,
    actorId,
    log: (level, event, fields) => deps.logger[level](event, fields),
  });
  const adjustStock = createStockAdjuster();
  return {
    liveCounts: (saleIds: readonly string[]) => readLiveCounts(read, saleIds),
    adjustStock: (actorId: string, saleId: string, delta: number) => adjustStock(as(actorId), saleId, delta),
  };
}

export type MonitorService = ReturnType<typeof createMonitorService>;
