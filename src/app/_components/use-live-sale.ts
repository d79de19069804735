"use client";
// Polls GET /api/stock/:saleId (see that route for why a cacheable poll beats a stream on Vercel).
// Polling pauses while the tab is hidden (react-query's default) and stops once a sale is over.
import { useQuery } from "@tanstack/react-query";
import { liveSaleSchema, type LiveSale } from "~/lib/buy-flow/live-sale";

/** At least every 2 s, as promised to shoppers; the CDN absorbs the crowd. */
export const LIVE_SALE_POLL_MS = 2_000;

async function fetchLiveSale(saleId: string, signal: AbortSignal): Promise<LiveSale> {
  const response = await fetch(`/api/stock/${encodeURIComponent(saleId)}`, { signal });
  if (!response.ok) throw new Error(`live stock answered ${response.status}`);
  return liveSaleSchema.parse(await response.json());
}

export function useLiveSale(saleId: string, options: { initial: LiveSale | null; poll: boolean }) {
  return useQuery({
    queryKey: ["live-sale", saleId],
    queryFn: ({ signal }) => fetchLiveSale(saleId, signal),
    initialData: options.initial ?? undefined,
    // Server time of the read; a skewed browser clock at worst makes the first poll come early.
    initialDataUpdatedAt: options.initial?.readAt,
    staleTime: LIVE_SALE_POLL_MS / 2,
    refetchInterval: options.poll ? LIVE_SALE_POLL_MS : false,
    retry: 1,
  });
}
