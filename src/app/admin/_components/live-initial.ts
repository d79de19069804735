// The live figures a server-rendered page starts from, taken from the sale view it already read,
// so the first paint and the first poll agree (see live-counts.tsx).
import type { RouterOutputs } from "~/trpc/react";
import { liveCountsOfView } from "~/server/sales/admin/live-counts";

type SaleView = RouterOutputs["admin"]["sale"]["byId"];
type LiveCounts = RouterOutputs["admin"]["monitor"]["liveCounts"][number];

export function liveCountsOf(view: SaleView): LiveCounts {
  return liveCountsOfView(view);
}
