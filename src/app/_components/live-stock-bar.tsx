"use client";
// The stock bar of a live sale card, kept current by the shared live-sale poll.
import type { LiveSale } from "~/lib/buy-flow/live-sale";
import { UnitsLeftBar } from "./units-left-bar";
import { useLiveSale } from "./use-live-sale";

export function LiveStockBar({ saleId, initial, total }: { saleId: string; initial: LiveSale | null; total: number }) {
  const { data } = useLiveSale(saleId, { initial, poll: true });
  if (!data) return <UnitsLeftBar left={total} total={total} caption="Checking stock…" />;
  return <UnitsLeftBar left={data.stockLeft} total={data.total} />;
}
