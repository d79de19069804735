// Reads a price typed as a decimal ("129.99", or "129,99" where the currency is written that way)
// into integer minor units without going through floating point, so 0.29 is 29 cents and never
// 28.999…; and prints minor units back for the form.
//
// How separators are read, by the currency's own convention (see usesDecimalComma):
// - Decimal-comma currencies (EUR, SEK, …): a comma is the decimal mark and dots or spaces group
//   thousands ("12,5" → 12.50, "1.234,50" and "1 234,50" → 1234.50). Without a comma a dot is still
//   the decimal mark ("129.99" → 129.99), as the form itself writes stored prices and as admins
//   used to other currencies type; so "1.234" reads as three decimals and is refused with a hint
//   instead of being silently taken as a thousand times the price.
// - Decimal-point currencies (USD, GBP, JPY, …): a comma only groups thousands, in whole groups of
//   three ("1,234.50"). "12,5" is refused with a message that says to use a point: read as grouping
//   it would be malformed, read as a decimal it would follow a convention this currency does not
//   use, and a price is no place to guess.
import { CURRENCY_DECIMALS, usesDecimalComma, type SupportedCurrency } from "./currencies";

export type AmountParse =
  | { ok: true; minor: number }
  | {
      ok: false;
      /** FORMAT: not a number; DECIMAL_COMMA: a decimal comma in a currency written with a point. */
      reason: "FORMAT" | "TOO_MANY_DECIMALS" | "DECIMAL_COMMA";
    };

/** How a price's digits are separated: which mark starts the decimals. */
export interface AmountStyle {
  decimalComma?: boolean;
}

const SPACES = "\\s\u00a0\u202f\u2009";
const WHOLE_DIGITS_MAX = 12;

/** The whole part: plain digits, or groups of three after a first group of one to three. */
function wholeOf(text: string, groupMarks: string): string | null {
  if (/^\d+$/.test(text)) return text;
  const grouped = new RegExp(`^\\d{1,3}(?:[${groupMarks}]\\d{3})+$`);
  return grouped.test(text) ? text.replace(/\D/g, "") : null;
}

export function parseDecimalAmount(text: string, decimals: number, style: AmountStyle = {}): AmountParse {
  const trimmed = text.trim();
  let whole: string | null;
  let fraction = "";
  if (style.decimalComma && trimmed.includes(",")) {
    const match = /^([^,]+),(\d+)$/.exec(trimmed);
    if (!match) return { ok: false, reason: "FORMAT" };
    whole = wholeOf(match[1]!, `.${SPACES}`);
    fraction = match[2]!;
  } else {
    const match = /^([^.]+)(?:\.(\d+))?$/.exec(trimmed);
    if (!match) return { ok: false, reason: "FORMAT" };
    whole = wholeOf(match[1]!, style.decimalComma ? SPACES : `,${SPACES}`);
    fraction = match[2] ?? "";
    // "12,5" or "12,50" in a decimal-point currency: a decimal comma, not a thousands group.
    if (!whole && !style.decimalComma && /^\d+,\d{1,2}$/.test(trimmed)) return { ok: false, reason: "DECIMAL_COMMA" };
  }
  if (!whole || whole.length > WHOLE_DIGITS_MAX || fraction.length > WHOLE_DIGITS_MAX) {
    return { ok: false, reason: "FORMAT" };
  }
  if (fraction.length > decimals) return { ok: false, reason: "TOO_MANY_DECIMALS" };
  // At most 12 + 3 digits: well inside Number's exact integer range.
  return { ok: true, minor: Number(whole + fraction.padEnd(decimals, "0")) };
}

/** A price as typed for `currency`, read by that currency's decimals and separators. */
export function parsePrice(text: string, currency: SupportedCurrency): AmountParse {
  return parseDecimalAmount(text, CURRENCY_DECIMALS[currency], { decimalComma: usesDecimalComma(currency) });
}

/** Minor units as the plain decimal the form field holds ("129.99", "1500" for JPY). */
export function formatMinorAsInput(minor: number, decimals: number): string {
  if (decimals === 0) return String(minor);
  const digits = String(minor).padStart(decimals + 1, "0");
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
