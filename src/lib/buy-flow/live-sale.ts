// The live view of one sale that the storefront polls (GET /api/stock/:saleId): stock plus the
// state and window admins can change while it runs, so a pause reaches every open page.
import { z } from "zod";
import { saleIdSchema, storefrontPhase, storefrontStateSchema, type SaleState } from "~/lib/sale";
import type { BuyPhase } from "./buy-flow";

export const liveSaleSchema = z.object({
  saleId: saleIdSchema,
  stockLeft: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  state: storefrontStateSchema,
  /** Epoch milliseconds. */
  startsAt: z.number(),
  endsAt: z.number(),
  /** Server time of the Redis read, so clients can order answers that arrive out of order. */
  readAt: z.number(),
});

export type LiveSale = z.infer<typeof liveSaleSchema>;

export interface SaleWindow {
  state: SaleState;
  startsAt: number;
  endsAt: number;
}

/**
 * The phase the buy button works from, at server time `now`. A fair-draw sale (`lobbyOpensAt` set)
 * is in its "lobby" phase from the lobby's opening until the start, unless paused or over.
 */
export function buyPhase(sale: SaleWindow, now: number, lobbyOpensAt: number | null = null): BuyPhase {
  const phase = storefrontPhase(
    { state: sale.state, startsAt: new Date(sale.startsAt), endsAt: new Date(sale.endsAt) },
    new Date(now),
  );
  return phase === "upcoming" && lobbyOpensAt !== null && now >= lobbyOpensAt ? "lobby" : phase;
}
