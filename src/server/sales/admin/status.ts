// An admin's view of a sale: one status derived from stored state, the clock and live stock, and
// the rules that follow from it — which fields may still change and which actions apply.
import type { SaleField } from "~/lib/sale-form/schema";

export type StoredState = "DRAFT" | "PUBLISHED" | "PAUSED" | "ENDED" | "ARCHIVED";
export type AdminSaleStatus = "DRAFT" | "SCHEDULED" | "LIVE" | "PAUSED" | "SOLD_OUT" | "ENDED" | "ARCHIVED";

export const STATUS_LABELS: Record<AdminSaleStatus, string> = {
  DRAFT: "Draft",
  SCHEDULED: "Scheduled",
  LIVE: "Live",
  PAUSED: "Paused",
  SOLD_OUT: "Sold out",
  ENDED: "Ended",
  ARCHIVED: "Archived",
};

interface Timed {
  state: StoredState;
  startsAt: Date;
  endsAt: Date;
}

/** `stockLeft` comes from Redis; null when the sale has no hot state (drafts, or Redis lost it). */
export function deriveAdminStatus(sale: Timed, stockLeft: number | null, now: Date): AdminSaleStatus {
  switch (sale.state) {
    case "DRAFT":
      return "DRAFT";
    case "ARCHIVED":
      return "ARCHIVED";
    case "ENDED":
      return "ENDED";
    case "PAUSED":
      return now >= sale.endsAt ? "ENDED" : "PAUSED";
    case "PUBLISHED":
      if (now < sale.startsAt) return "SCHEDULED";
      if (now >= sale.endsAt) return "ENDED";
      return stockLeft === 0 ? "SOLD_OUT" : "LIVE";
  }
}

/**
 * OPEN: nothing sold yet and nothing can be (draft, or published and not started): all editable.
 * RUNNING: started and not over (live, paused, sold out): shoppers hold units at the stored price.
 * CLOSED: ended. ARCHIVED: kept only for its records.
 */
export type EditPhase = "OPEN" | "RUNNING" | "CLOSED" | "ARCHIVED";

export function editPhase(sale: Timed, now: Date): EditPhase {
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
        (
          ["title", "slug", "description", "imageUrl", "price", "currency", "totalStock", "startsAt", "endsAt"] as const
        ).map((field) => [field, "Archived sales cannot be edited."]),
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
export function allowedActions(sale: Timed, holders: number, now: Date): SaleActions {
  const over = now >= sale.endsAt;
  const status = deriveAdminStatus(sale, null, now);
  return {
    publish: sale.state === "DRAFT",
    pause: sale.state === "PUBLISHED" && !over,
    resume: sale.state === "PAUSED" && !over,
    end: (sale.state === "PUBLISHED" || sale.state === "PAUSED") && !over,
    delete: holders === 0,
    archive: status === "DRAFT" || status === "ENDED",
  };
}
