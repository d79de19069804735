// The order callback QStash delivers each reservation to: verify, validate, persist idempotently.
import type { Receiver } from "@upstash/qstash";
import type { Redis } from "@upstash/redis";
import type { DatabaseClient } from "~/server/db";
import { persistOrder } from "~/server/orders/persist-order";
import { orderMessageSchema } from "~/server/purchase/order-message";
import { jsonResponse, nonRetryable, readQStashRequest } from "./qstash-request";

export interface OrderCallbackDeps {
  db: DatabaseClient;
  redis: Redis;
  receiver: Receiver;
  namespace: string;
  /** The URL signatures must be bound to; unknown when the public URL is not configured. */
  expectedUrl: string | undefined;
  log: (event: string, fields: Record<string, unknown>) => void;
}

export function createOrderCallbackHandler(getDeps: () => OrderCallbackDeps) {
  return async function handleOrderCallback(request: Request): Promise<Response> {
    const deps = getDeps();
    const parsed = await readQStashRequest(request, { ...deps, schema: orderMessageSchema });
    if (!parsed.ok) return parsed.response;
    const message = parsed.body;

    try {
      const outcome = await persistOrder(deps, message);
      if (!outcome.ok) {
        deps.log("order.persist_refused", { saleId: message.saleId, userId: message.userId, reason: outcome.reason });
        return nonRetryable(
          outcome.reason === "UNKNOWN_SALE"
            ? `Sale ${message.saleId} does not exist.`
            : `User ${message.userId} does not exist.`,
        );
      }
      return jsonResponse(200, { orderId: outcome.orderId, status: outcome.status });
    } catch (error) {
      // Anything else is taken as transient (database unreachable, pool exhausted): QStash retries.
      deps.log("order.persist_failed", {
        saleId: message.saleId,
        reservationId: message.reservationId,
        attempt: parsed.retried,
        message: error instanceof Error ? error.message.split("\n")[0] : String(error),
      });
      return jsonResponse(503, { error: "The order could not be saved yet; it will be retried." });
    }
  };
}
