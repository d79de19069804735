// A shopper's record in a sale's buyers hash, as the scripts write it (see holds-lib.lua):
// "reservationId|reservedAtMs|S|expiresAtMs|kind|paymentRef". A record from before checkout
// existed is "reservationId|reservedAtMs" and means a unit for good.

/** H held (waiting for payment), P paid or confirmed, X expired, C cancelled. */
export type HoldLetter = "H" | "P" | "X" | "C";

export interface BuyerRecord {
  reservationId: string;
  /** Epoch ms. */
  reservedAt: number;
  state: HoldLetter;
  /** Epoch ms; null when the record never had a payment deadline. */
  expiresAt: number | null;
  kind: "RESERVATION" | "OFFER";
  /** The provider's payment reference once paid through a provider. */
  paymentRef: string | null;
}

const LETTERS = new Set<string>(["H", "P", "X", "C"]);

export function parseBuyerRecord(raw: string): BuyerRecord | null {
  const [reservationId, reservedAt, state = "P", expiresAt = "0", kind = "r", paymentRef = ""] = raw.split("|");
  if (!reservationId || !reservedAt || !LETTERS.has(state)) return null;
  const expiry = Number(expiresAt);
  return {
    reservationId,
    reservedAt: Number(reservedAt),
    state: state as HoldLetter,
    expiresAt: expiry > 0 ? expiry : null,
    kind: kind === "o" ? "OFFER" : "RESERVATION",
    paymentRef: paymentRef || null,
  };
}

export function formatBuyerRecord(record: BuyerRecord): string {
  return [
    record.reservationId,
    String(record.reservedAt),
    record.state,
    String(record.expiresAt ?? 0),
    record.kind === "OFFER" ? "o" : "r",
    record.paymentRef ?? "",
  ].join("|");
}

/** A unit offered to a waitlisted shopper by a script: its order and expiry must follow. */
export interface Offer {
  userId: string;
  reservationId: string;
  /** Epoch ms; null for a free sale's unit (no payment step). */
  expiresAt: number | null;
}

/** Reads a script's flat (userId, reservationId, expiresAtMs) list. */
export function parseOffers(flat: unknown): Offer[] {
  const list = Array.isArray(flat) ? flat.map(String) : [];
  const offers: Offer[] = [];
  for (let i = 0; i + 2 < list.length; i += 3) {
    const expiresAt = Number(list[i + 2]);
    offers.push({ userId: list[i]!, reservationId: list[i + 1]!, expiresAt: expiresAt > 0 ? expiresAt : null });
  }
  return offers;
}
