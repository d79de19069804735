// The draw's QStash message, to the signed route POST /api/qstash/draw: run the draw if it is due,
// then persist it. Sent twice in a fair draw's life: scheduled for the start when the sale is
// armed (not-before = the start; one per sale and start second), and once after the draw ran
// wherever it ran (one per sale), so the winners' orders and every entrant reach Postgres in one
// delivery instead of one order message per winner.
import type { Client as QStashClient } from "@upstash/qstash";
import { z } from "zod";
import { saleIdSchema } from "~/lib/sale";
import type { DrawPublishTarget } from "~/server/orders/qstash-destinations";

export const drawMessageSchema = z.object({
  v: z.literal(1),
  saleId: saleIdSchema,
});

export type DrawMessage = z.infer<typeof drawMessageSchema>;

export function drawDeduplicationId(namespace: string, saleId: string, purpose: string): string {
  return ["draw", namespace, saleId, purpose].map((part) => part.replace(/[^A-Za-z0-9_-]/g, "_")).join(".");
}

/**
 * Asks QStash to call the draw route: at `notBefore` (epoch ms) when given, at once otherwise.
 * `purpose` names the message for deduplication: "start-<second>" or "persist".
 */
export async function publishDrawMessage(
  qstash: QStashClient,
  target: DrawPublishTarget,
  input: { saleId: string; purpose: string; notBefore?: number },
): Promise<void> {
  const headers: Record<string, string> = {};
  if (target.protectionBypassSecret) headers["x-vercel-protection-bypass"] = target.protectionBypassSecret;
  await qstash.publishJSON({
    url: target.drawUrl,
    body: { v: 1, saleId: input.saleId } satisfies DrawMessage,
    headers,
    ...(input.notBefore === undefined ? {} : { notBefore: Math.ceil(input.notBefore / 1000) }),
    deduplicationId: drawDeduplicationId(target.namespace, input.saleId, input.purpose),
    retries: 5,
  });
}
