// The live figures a server-rendered page starts from, taken from the sale view it already read,
// so the first paint and the first poll agree (see live-counts.tsx).
import type { RouterOutputs } from "~/trpc/react";

type SaleView = RouterOutputs["admin"]["sale"]["byId"];
type LiveCounts = RouterOutputs["admin"]["monitor"]["liveCounts"][number];

export function liveCountsOf(view: SaleView): LiveCounts {
  return {
    saleId: view.id,
    status: view.status,
    statusLabel: view.statusLabel,
    stockLeft: view.stockLeft,
    totalStock: view.totalStock,
    reserved: view.reserved,
    orders: view.orders,
    orderTotal: view.orderTotal,
    waitlisted: view.waitlisted,
    waitlistEnabled: view.waitlistEnabled,
  };
}
