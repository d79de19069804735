// The editor's fields as text (and the waitlist as a switch), and a stored sale written back into
// them (price as a decimal, times as local wall-clock in a chosen zone, windows in minutes, the
// opening mode as its radio's value).
import type { OpeningMode } from "~/lib/fair-draw";
import { CURRENCY_DECIMALS, type SupportedCurrency } from "./currencies";
import { formatMinorAsInput } from "./money-input";
import { minutesShown, type SaleTextField, type SaleValues } from "./schema";
import { utcToZonedLocalInput } from "./zoned-time";

/** What the editor's fields hold: text, as inputs give it, the waitlist switch and the opening mode. */
export type SaleFormState = Record<SaleTextField, string> & { waitlistEnabled: boolean; openingMode: OpeningMode };

/** Editor values as read back from the database, where the currency is plain text. */
export type StoredSaleValues = Omit<SaleValues, "currency"> & { currency: string };

/** A stored sale as editor fields, with times shown in `timeZone`. */
export function saleToFormState(sale: StoredSaleValues, timeZone: string): SaleFormState {
  const decimals = CURRENCY_DECIMALS[sale.currency as SupportedCurrency] ?? 2;
  return {
    title: sale.title,
    slug: sale.slug,
    description: sale.description,
    imageUrl: sale.imageUrl ?? "",
    price: formatMinorAsInput(sale.priceMinor, decimals),
    currency: sale.currency,
    totalStock: String(sale.totalStock),
    startsAt: utcToZonedLocalInput(sale.startsAt, timeZone),
    endsAt: utcToZonedLocalInput(sale.endsAt, timeZone),
    timezone: timeZone,
    holdMinutes: String(minutesShown(sale.holdSeconds)),
    offerMinutes: String(minutesShown(sale.offerSeconds)),
    waitlistEnabled: sale.waitlistEnabled,
    openingMode: sale.openingMode,
    lobbyMinutes: String(sale.lobbyMinutes),
    challengeCost: String(sale.challengeCost),
    minAccountAgeDays: String(sale.minAccountAgeDays),
  };
}
