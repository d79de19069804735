// What a shopper sees of a sale's lifecycle, derived from its stored state and the clock.
export type SaleState = "DRAFT" | "PUBLISHED" | "PAUSED" | "ENDED" | "ARCHIVED";
export type SalePhase = "draft" | "upcoming" | "live" | "paused" | "ended" | "archived";

export function salePhase(sale: { state: SaleState; startsAt: Date; endsAt: Date }, now = new Date()): SalePhase {
  switch (sale.state) {
    case "DRAFT":
      return "draft";
    case "ARCHIVED":
      return "archived";
    case "ENDED":
      return "ended";
    case "PAUSED":
      return now >= sale.endsAt ? "ended" : "paused";
    case "PUBLISHED":
      if (now < sale.startsAt) return "upcoming";
      return now < sale.endsAt ? "live" : "ended";
  }
}
