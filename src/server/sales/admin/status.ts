// The rules that follow from where a sale stands, as the admin sees it: which fields may still
// change and which actions apply. The status itself is `salePhase` (~/lib/sale).
import { lobbyOpensAt, salePhase, type LobbyTimedSale, type TimedSale } from "~/lib/sale";
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
  openingMode: "The opening mode cannot change once the sale is live.",
  lobbyMinutes: "The lobby's length cannot change once the sale is live.",
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
  openingMode: "The opening mode cannot change after the sale has ended.",
  lobbyMinutes: "The lobby's length cannot change after the sale has ended.",
  challengeCost: "The challenge cost cannot change after the sale has ended.",
  minAccountAgeDays: "The minimum account age cannot change after the sale has ended.",
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

/** What the fair-draw rules read of a sale. */
export interface EditableSale extends TimedSale, LobbyTimedSale {
  /** When the draw's result reached Postgres; null until then. */
  drawnAt: Date | null;
}

/**
 * Shoppers can enter a fair draw's lobby: published (or paused) and past `lobbyOpensAt`. A draft's
 * lobby never opened, whatever the clock says: nobody could see it.
 */
export function lobbyHasOpened(sale: EditableSale, now: Date): boolean {
  const opensAt = lobbyOpensAt(sale);
  return opensAt !== null && sale.state !== "DRAFT" && (now >= opensAt || sale.drawnAt !== null);
}

/**
 * Once entrants are in the lobby they were promised a draw at the announced start, after a lobby
 * of the announced length; once drawn, the draw's mode is history. Changing any of these then would
 * change the rules for people already playing.
 */
function drawLocks(sale: EditableSale, now: Date): Partial<Record<SaleField, string>> {
  if (!lobbyHasOpened(sale, now)) return {};
  const drawn = sale.drawnAt !== null || now >= sale.startsAt;
  return {
    openingMode: drawn
      ? "The opening mode cannot change after the draw."
      : "The opening mode cannot change once the lobby has opened: shoppers are already entering.",
    lobbyMinutes: "The lobby's length cannot change once the lobby has opened.",
    startsAt: "The start cannot change once the lobby has opened: the draw runs at the start shoppers were shown.",
  };
}

/** Every field this sale may not change right now, each with the reason shown beside it. */
export function saleLocks(sale: EditableSale, now: Date): Partial<Record<SaleField, string>> {
  const phase = editPhase(sale, now);
  const locks = lockedFields(phase);
  return phase === "OPEN" || phase === "RUNNING" ? { ...locks, ...drawLocks(sale, now) } : locks;
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
