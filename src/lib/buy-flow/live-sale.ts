// The live view of one sale that the storefront polls (GET /api/stock/:saleId): stock plus the
// state and window admins can change while it runs, so a pause reaches every open page.
import { z } from "zod";
import { salePhase } from "~/server/sales/sale-phase";
import type { BuyPhase } from "./buy-flow";

export const liveSaleSchema = z.object({
  saleId: z.string().min(1),
  stockLeft: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  state: z.enum(["PUBLISHED", "PAUSED", "ENDED"]),
  /** Epoch milliseconds. */
  startsAt: z.number(),
  endsAt: z.number(),
  /** Server time of the Redis read, so clients can order answers that arrive out of order. */
  readAt: z.number(),
});

export type LiveSale = z.infer<typeof liveSaleSchema>;

export interface SaleWindow {
  state: "DRAFT" | "PUBLISHED" | "PAUSED" | "ENDED" | "ARCHIVED";
  startsAt: number;
  endsAt: number;
}

/** The phase the buy button works from, at server time `now`. */
export function buyPhase(sale: SaleWindow, now: number): BuyPhase {
  const phase = salePhase(
    { state: sale.state, startsAt: new Date(sale.startsAt), endsAt: new Date(sale.endsAt) },
    new Date(now),
  );
  // Drafts and archived sales are not on the storefront; if one slips through, nothing is buyable.
  return phase === "draft" || phase === "archived" ? "ended" : phase;
}
