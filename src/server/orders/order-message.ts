// The message the buy path hands to QStash and the order callback accepts: one schema for both ends.
import { z } from "zod";
import { idSchema, saleIdSchema } from "~/lib/sale";

export const orderMessageSchema = z.object({
  v: z.literal(1),
  saleId: saleIdSchema,
  userId: idSchema("userId"),
  reservationId: z.string().regex(/^rsv_[0-9a-f]{32}$/, "must be a reservation id (rsv_…)"),
  /** When Redis granted the unit, epoch milliseconds. */
  reservedAt: z.number().int().positive(),
});

export type OrderMessage = z.infer<typeof orderMessageSchema>;

/** QStash deduplication ids are for one (deployment, sale, shopper): a shopper owns one unit. */
export function orderDeduplicationId(namespace: string, saleId: string, userId: string): string {
  return [namespace, saleId, userId].map((part) => part.replace(/[^A-Za-z0-9_-]/g, "_")).join(".");
}
