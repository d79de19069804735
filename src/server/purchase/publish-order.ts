// Hands a fresh reservation to QStash, which calls our order callback until Postgres has it.
import type { Client as QStashClient } from "@upstash/qstash";
import { orderDeduplicationId, type OrderMessage } from "~/server/orders/order-message";
import { saleFlowControlKey } from "~/server/inventory/resume-sale";
import type { OrderPublishTarget } from "~/server/orders/qstash-destinations";

/** Concurrent deliveries per sale: with group commit, enough to drain a sale in well under a
 *  second, few enough that a storm of callbacks never exhausts the database's connections. */
export const ORDER_DELIVERY_PARALLELISM = 16;

export async function publishOrderMessage(
  qstash: QStashClient,
  target: OrderPublishTarget,
  message: OrderMessage,
): Promise<{ messageId: string }> {
  const headers: Record<string, string> = {};
  if (target.protectionBypassSecret) {
    // Both the delivery and the failure callback must get past Deployment Protection on a preview.
    headers["x-vercel-protection-bypass"] = target.protectionBypassSecret;
    headers["Upstash-Failure-Callback-Forward-x-vercel-protection-bypass"] = target.protectionBypassSecret;
  }
  const published = await qstash.publishJSON({
    url: target.orderCallbackUrl,
    body: message,
    headers,
    deduplicationId: orderDeduplicationId(target.namespace, message.saleId, message.userId),
    retries: 5,
    failureCallback: target.failureCallbackUrl,
    // One key per sale: re-arming a sale after Redis lost it waits for exactly this key to drain.
    flowControl: { key: saleFlowControlKey(target.namespace, message.saleId), parallelism: ORDER_DELIVERY_PARALLELISM },
  });
  return { messageId: published.messageId };
}
