// Every hold schedules its own expiry: a QStash message to the signed holds route with not-before
// = the hold's expiry. Holds of one sale falling due in the same second share one message (one
// deduplication id per sale and second), so a flash sale's first-second holds cost one message.
import type { Client as QStashClient } from "@upstash/qstash";
import { z } from "zod";
import { saleIdSchema } from "~/lib/sale";
import type { OrderPublishTarget } from "./qstash-destinations";

export const holdExpiryMessageSchema = z.object({
  v: z.literal(1),
  saleId: saleIdSchema,
  /** The second (epoch seconds) the holds this message is for fall due. */
  dueAt: z.number().int().positive(),
});

export type HoldExpiryMessage = z.infer<typeof holdExpiryMessageSchema>;

export function holdExpiryDeduplicationId(namespace: string, saleId: string, dueAt: number): string {
  return ["hold-expiry", namespace, saleId, String(dueAt)]
    .map((part) => part.replace(/[^A-Za-z0-9_-]/g, "_"))
    .join(".");
}

/** Asks QStash to call the holds route once `expiresAt` (epoch ms) has passed. */
export async function scheduleHoldExpiry(
  qstash: QStashClient,
  target: OrderPublishTarget,
  saleId: string,
  expiresAt: number,
): Promise<void> {
  const dueAt = Math.ceil(expiresAt / 1000);
  const headers: Record<string, string> = {};
  if (target.protectionBypassSecret) headers["x-vercel-protection-bypass"] = target.protectionBypassSecret;
  await qstash.publishJSON({
    url: target.holdExpiryUrl,
    body: { v: 1, saleId, dueAt } satisfies HoldExpiryMessage,
    headers,
    notBefore: dueAt,
    deduplicationId: holdExpiryDeduplicationId(target.namespace, saleId, dueAt),
    retries: 5,
  });
}
