"use client";
// The admin list's rows and the editor's header, kept live: one poll of admin.monitor.liveCounts
// every 2 s for every sale on the page, shared through a context; each figure shows the server's
// first render until the first answer arrives, and keeps the last answer if a poll fails.
import { useQuery } from "@tanstack/react-query";
import { createContext, useContext, type ReactNode } from "react";
import { useTRPC, type RouterOutputs } from "~/trpc/react";
import { AdminStockBar } from "./admin-stock-bar";
import { OrderCountSummary, OrderCountTiles } from "./order-counts";
import styles from "./live-counts.module.css";
import { StatusBadge } from "./status-badge";

export type LiveCounts = RouterOutputs["admin"]["monitor"]["liveCounts"][number];

export const LIVE_COUNTS_POLL_MS = 2_000;

const LiveCountsContext = createContext<ReadonlyMap<string, LiveCounts>>(new Map());

/** Polls the figures of `initial`'s sales; children read them with the Live* components below. */
export function LiveCountsProvider({ initial, children }: { initial: LiveCounts[]; children: ReactNode }) {
  const trpc = useTRPC();
  const saleIds = initial.map((counts) => counts.saleId);
  const { data } = useQuery({
    ...trpc.admin.monitor.liveCounts.queryOptions({ saleIds }),
    enabled: saleIds.length > 0,
    refetchInterval: LIVE_COUNTS_POLL_MS,
    refetchIntervalInBackground: false,
    initialData: initial,
    staleTime: 0,
  });
  const bySale = new Map((data ?? initial).map((counts) => [counts.saleId, counts]));
  return <LiveCountsContext.Provider value={bySale}>{children}</LiveCountsContext.Provider>;
}

/** A sale's latest figures from the nearest LiveCountsProvider (or `initial` until they arrive). */
export function useLiveCounts(initial: LiveCounts): LiveCounts {
  return useContext(LiveCountsContext).get(initial.saleId) ?? initial;
}

export function LiveStatusBadge({ initial }: { initial: LiveCounts }) {
  const live = useLiveCounts(initial);
  return <StatusBadge status={live.status} label={live.statusLabel} />;
}

export function LiveStockBar({ initial }: { initial: LiveCounts }) {
  const live = useLiveCounts(initial);
  return (
    <span className={styles.figure} data-testid="live-stock" data-stock-left={live.stockLeft ?? ""}>
      <AdminStockBar left={live.stockLeft} total={live.totalStock} status={live.status} />
    </span>
  );
}

/** "12 orders", live. */
export function LiveOrderTotal({ initial }: { initial: LiveCounts }) {
  const { orderTotal } = useLiveCounts(initial);
  return (
    <span data-testid="live-order-total" data-order-total={orderTotal}>
      {orderTotal.toLocaleString("en-US")} {orderTotal === 1 ? "order" : "orders"}
    </span>
  );
}

export function LiveOrderSummary({ initial }: { initial: LiveCounts }) {
  const live = useLiveCounts(initial);
  return <OrderCountSummary orders={live.orders} waitlisted={live.waitlisted} waitlistEnabled={live.waitlistEnabled} />;
}

export function LiveOrderTiles({ initial }: { initial: LiveCounts }) {
  const live = useLiveCounts(initial);
  return (
    <OrderCountTiles
      saleId={live.saleId}
      orders={live.orders}
      waitlisted={live.waitlisted}
      waitlistEnabled={live.waitlistEnabled}
    />
  );
}
