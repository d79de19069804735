// The order side of the app as one service: persisting deliveries, a shopper's own orders, recording what QStash gave up on, and the reconcile sweep. Built once from the
// clients (see ~/server/services); callers never assemble these dependencies themselves.
import { recordDeliveryFailure, type DeliveryFailure } from "./delivery-failures";
import { createDeliveryPersister, type DeliveryDeps } from "./deliveries";
import { reconcileAllSales, reconcileSale, type ReconcileOptions } from "./reconcile";

export function createOrderService(deps: DeliveryDeps) {
  return {
    persist: createDeliveryPersister(deps),
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
          expiresAt: true,
          holdKind: true,
          createdAt: true,
          sale: { select: { id: true, slug: true, title: true, imageUrl: true } },
        },
      }),
    recordDeliveryFailure: (failure: DeliveryFailure) => recordDeliveryFailure(deps, failure),
    reconcileSale: (saleId: string, options: ReconcileOptions) => reconcileSale(deps, saleId, options),
    reconcileAll: (options: ReconcileOptions & { endedWithinMs?: number }) => reconcileAllSales(deps, options),
  };
}

export type OrderService = ReturnType<typeof createOrderService>;
