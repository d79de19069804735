// The rules that follow from where a sale stands, as the admin sees it: which fields may still
// change and which actions apply. The status itself is `salePhase` (~/lib/sale).
import { salePhase, type TimedSale } from "~/lib/sale";
import { SALE_FIELDS, type SaleField } from "~/lib/sale-form/schema";

/**
 * OPEN: nothing sold yet and nothing can be (draft, or published and not started): all editable.
 * RUNNING: started and not over (live, paused, sold out): shoppers hold units at the stored price.
 * The checkout settings still change here: they apply to holds and offers made from then on.
 * CLOSED: ended. ARCHIVED: kept only for its records.
 */
export type EditPhase = "OPEN" | "RUNNING" | "CLOSED" | "ARCHIVED";

export function editPhase(sale: TimedSale, now: Date): EditPhase {
  if (sale.state === "ARCHIVED") return "ARCHIVED";
  if (sale.state === "ENDED" || now >= sale.endsAt) return sale.state === "DRAFT" ? "OPEN" : "CLOSED";
  if (sale.state === "DRAFT" || now < sale.startsAt) return "OPEN";
  return "RUNNING";
}

const RUNNING_LOCKS: Partial<Record<SaleField, string>> = {
  price: "The price cannot change once the sale is live: shoppers have reserved at this price.",
  currency: "The currency cannot change once the sale is live: shoppers have reserved at this price.",
  startsAt: "The start cannot change once the sale is live.",
  slug: "The slug cannot change once the sale is live: shoppers already have its link.",
};

const CLOSED_LOCKS: Partial<Record<SaleField, string>> = {
  price: "The price cannot change after the sale has ended.",
  currency: "The currency cannot change after the sale has ended.",
  startsAt: "The start cannot change after the sale has ended.",
  endsAt: "The end cannot change after the sale has ended.",
  totalStock: "The stock cannot change after the sale has ended.",
  slug: "The slug cannot change after the sale has ended.",
  holdMinutes: "The hold window cannot change after the sale has ended.",
  offerMinutes: "The offer window cannot change after the sale has ended.",
  waitlistEnabled: "The waitlist cannot be switched after the sale has ended.",
};

/** Fields that may not change in this phase, each with the reason shown beside it. */
export function lockedFields(phase: EditPhase): Partial<Record<SaleField, string>> {
  switch (phase) {
    case "OPEN":
      return {};
    case "RUNNING":
      return RUNNING_LOCKS;
    case "CLOSED":
      return CLOSED_LOCKS;
    case "ARCHIVED":
      return Object.fromEntries(
        SALE_FIELDS.filter((field) => field !== "timezone").map((field) => [field, "Archived sales cannot be edited."]),
      );
  }
}

export interface SaleActions {
  publish: boolean;
  pause: boolean;
  resume: boolean;
  end: boolean;
  delete: boolean;
  archive: boolean;
}

/** `holders` counts orders plus reservations still on their way to Postgres. */
export function allowedActions(sale: TimedSale, holders: number, now: Date): SaleActions {
  const over = now >= sale.endsAt;
  const phase = salePhase(sale, now);
  return {
    publish: sale.state === "DRAFT",
    pause: sale.state === "PUBLISHED" && !over,
    resume: sale.state === "PAUSED" && !over,
    end: (sale.state === "PUBLISHED" || sale.state === "PAUSED") && !over,
    delete: holders === 0,
    archive: phase === "draft" || phase === "ended",
  };
}
