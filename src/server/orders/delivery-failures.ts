// Order messages QStash gave up on. The reservation is still pending in Redis, so the reconciler
// will persist it; the audit record says why it had to. The schema is the body of QStash's
// failure callback, which carries the original message base64-encoded.
import { z } from "zod";
import type { DatabaseClient } from "~/server/db";
import type { Logger } from "~/server/logger";
import type { MetricsRecorder } from "~/server/metrics/recorder";
import { orderMessageSchema } from "./order-message";

export const deliveryFailureSchema = z.looseObject({
  status: z.number().int().optional(),
  retried: z.number().int().optional(),
  maxRetries: z.number().int().optional(),
  sourceMessageId: z.string().optional(),
  dlqId: z.string().optional(),
  url: z.string().optional(),
  /** The original message body, base64. */
  sourceBody: z.string().optional(),
  /** The destination's last answer, base64. */
  body: z.string().optional(),
});

export type DeliveryFailure = z.infer<typeof deliveryFailureSchema>;

function decodeOrderMessage(base64: string | undefined) {
  if (!base64) return null;
  try {
    const parsed = orderMessageSchema.safeParse(JSON.parse(Buffer.from(base64, "base64").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function recordDeliveryFailure(
  deps: { db: DatabaseClient; logger: Logger; metrics?: MetricsRecorder },
  failure: DeliveryFailure,
): Promise<void> {
  const order = decodeOrderMessage(failure.sourceBody);
  if (order) deps.metrics?.count(order.saleId, "delivery.dead");
  const lastAnswer = failure.body ? Buffer.from(failure.body, "base64").toString("utf8").slice(0, 500) : null;
  await deps.db.auditLog.create({
    data: {
      action: "order.delivery_failed",
      entity: "Sale",
      entityId: order?.saleId ?? "unknown",
      after: {
        messageId: failure.sourceMessageId ?? null,
        dlqId: failure.dlqId ?? null,
        status: failure.status ?? null,
        retried: failure.retried ?? null,
        reservationId: order?.reservationId ?? null,
        userId: order?.userId ?? null,
        lastAnswer,
      },
    },
  });
  deps.logger.error("order.delivery_failed", {
    saleId: order?.saleId,
    reservationId: order?.reservationId,
    status: failure.status,
    dlqId: failure.dlqId,
  });
}
