// The reminder's QStash message, to the signed route POST /api/qstash/reminders: email one shopper
// that a sale is opening. Sent once per shopper, sale and opening moment (not-before = that moment;
// the deduplication id names all three), so setting a reminder again never sends a second email,
// and a sale moved to another time is reminded of only by a message for the new time.
import type { Client as QStashClient } from "@upstash/qstash";
import { z } from "zod";
import { idSchema, saleIdSchema } from "~/lib/sale";
import type { ReminderPublishTarget } from "~/server/orders/qstash-destinations";

export const reminderMessageSchema = z.object({
  v: z.literal(1),
  saleId: saleIdSchema,
  userId: idSchema("userId"),
  /** The opening moment (epoch ms) this reminder was set for; a sale moved since is not reminded of. */
  opensAt: z.number().int().positive(),
});

export type ReminderMessage = z.infer<typeof reminderMessageSchema>;

export function reminderDeduplicationId(namespace: string, message: ReminderMessage): string {
  return ["reminder", namespace, message.saleId, message.userId, String(Math.floor(message.opensAt / 1000))]
    .map((part) => part.replace(/[^A-Za-z0-9_-]/g, "_"))
    .join(".");
}

/** Asks QStash to call the reminders route at the opening moment; answers QStash's message id. */
export async function publishReminder(
  qstash: QStashClient,
  target: ReminderPublishTarget,
  message: ReminderMessage,
): Promise<string> {
  const headers: Record<string, string> = {};
  if (target.protectionBypassSecret) headers["x-vercel-protection-bypass"] = target.protectionBypassSecret;
  const { messageId } = await qstash.publishJSON({
    url: target.remindersUrl,
    body: message,
    headers,
    notBefore: Math.ceil(message.opensAt / 1000),
    deduplicationId: reminderDeduplicationId(target.namespace, message),
    retries: 5,
  });
  return messageId;
}
