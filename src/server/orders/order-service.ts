// The order side of the app as one service: persisting deliveries, answering where a shopper's
// purchase stands, recording what QStash gave up on, and the reconcile sweep. Built once from the
// clients (see ~/server/services); callers never assemble these dependencies themselves.
import type { Redis } from "@upstash/redis";
import type { DatabaseClient } from "~/server/db";
import type { Logger } from "~/server/logger";
import { recordDeliveryFailure, type DeliveryFailure } from "./delivery-failures";
import type { OrderMessage } from "./order-message";
import { orderStatus } from "./order-status";
import { persistOrder } from "./persist-order";
import { reconcileAllSales, type ReconcileOptions } from "./reconcile";

export interface OrderDeps {
  db: DatabaseClient;
  redis: Redis;
  namespace: string;
  logger: Logger;
}

export function createOrderService(deps: OrderDeps) {
  return {
    persist: (message: OrderMessage) => persistOrder(deps, message),
    status: (input: { saleId: string; userId: string }) => orderStatus(deps, input),
    /** A shopper's own orders, newest first, with only the columns the shopper may see. */
    mine: (userId: string) =>
      deps.db.order.findMany({
        where: { userId },
        orderBy: { createdAt: "desc" },
        take: 100,
        select: {
          id: true,
          status: true,
          reservationId: true,
          priceMinor: true,
          currency: true,
          reservedAt: true,
          createdAt: true,
          sale: { select: { id: true, slug: true, title: true, imageUrl: true } },
        },
      }),
    recordDeliveryFailure: (failure: DeliveryFailure) => recordDeliveryFailure(deps, failure),
    reconcileAll: (options: ReconcileOptions & { endedWithinMs?: number }) => reconcileAllSales(deps, options),
  };
}

export type OrderService = ReturnType<typeof createOrderService>;
