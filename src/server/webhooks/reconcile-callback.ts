// The schedulable reconcile endpoint: QStash calls it on a cron; it persists stale reservations
// and raises an error-level alarm line for any sale whose books do not balance.
import type { Receiver } from "@upstash/qstash";
import type { Redis } from "@upstash/redis";
import { z } from "zod";
import type { DatabaseClient } from "~/server/db";
import { reconcileAllSales } from "~/server/orders/reconcile";
import { jsonResponse, readQStashRequest } from "./qstash-request";

export const DEFAULT_RECONCILE_AGE_SECONDS = 30;

const reconcileRequestSchema = z.object({
  olderThanSeconds: z.number().int().min(0).max(86_400).default(DEFAULT_RECONCILE_AGE_SECONDS),
});

export function createReconcileHandler(
  getDeps: () => {
    db: DatabaseClient;
    redis: Redis;
    namespace: string;
    receiver: Receiver;
    expectedUrl: string | undefined;
    log: (level: "info" | "error", event: string, fields: Record<string, unknown>) => void;
  },
) {
  return async function handleReconcile(request: Request): Promise<Response> {
    const deps = getDeps();
    const parsed = await readQStashRequest(request, { ...deps, schema: reconcileRequestSchema });
    if (!parsed.ok) return parsed.response;

    const ledgers = await reconcileAllSales(deps, { olderThanMs: parsed.body.olderThanSeconds * 1000 });
    const broken = ledgers.filter((ledger) => ledger.problems.length > 0);
    for (const ledger of broken) deps.log("error", "reconcile.invariant_broken", { ...ledger });
    const persisted = ledgers.reduce((sum, ledger) => sum + ledger.persistedNow, 0);
    deps.log("info", "reconcile.done", { sales: ledgers.length, persisted, broken: broken.length });
    return jsonResponse(200, { ok: broken.length === 0, sales: ledgers.length, persisted, ledgers });
  };
}
