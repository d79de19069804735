// Where a shopper's purchase stands: nothing, reserved and on its way to Postgres, confirmed, or —
// only ever after Redis lost state — acknowledged but refused because every unit was taken.
import type { Redis } from "@upstash/redis";
import type { DatabaseClient } from "~/server/db";
import { saleKeys } from "~/server/inventory/keys";

export type OrderStatusView =
  | { status: "NONE" }
  | { status: "PENDING"; reservationId: string; reservedAt: Date }
  | { status: "CONFIRMED"; orderId: string; reservationId: string; reservedAt: Date; confirmedAt: Date }
  | { status: "REFUSED"; orderId: string; reservationId: string; reservedAt: Date };

export async function orderStatus(
  deps: { db: DatabaseClient; redis: Redis; namespace: string },
  input: { saleId: string; userId: string },
): Promise<OrderStatusView> {
  const order = await deps.db.order.findUnique({
    where: { saleId_userId: input },
    select: { id: true, reservationId: true, reservedAt: true, createdAt: true, status: true },
  });
  if (order?.status === "REFUSED_OVERSOLD") {
    return { status: "REFUSED", orderId: order.id, reservationId: order.reservationId, reservedAt: order.reservedAt };
  }
  if (order && order.status !== "CANCELLED") {
    return {
      status: "CONFIRMED",
      orderId: order.id,
      reservationId: order.reservationId,
      reservedAt: order.reservedAt,
      confirmedAt: order.createdAt,
    };
  }
  const held = await deps.redis.hget<string>(saleKeys(deps.namespace, input.saleId).buyers, input.userId);
  if (!held) return { status: "NONE" };
  const [reservationId = "", reservedAtMs = "0"] = String(held).split("|");
  return { status: "PENDING", reservationId, reservedAt: new Date(Number(reservedAtMs)) };
}
