// Reads a price typed as a decimal ("129.99") into integer minor units without going through
// floating point, so 0.29 is 29 cents and never 28.999…; and prints minor units back for the form.
export type AmountParse = { ok: true; minor: number } | { ok: false; reason: "FORMAT" | "TOO_MANY_DECIMALS" };

const AMOUNT = /^(\d{1,12})(?:\.(\d{1,12}))?$/;

export function parseDecimalAmount(text: string, decimals: number): AmountParse {
  const match = AMOUNT.exec(text.trim());
  if (!match) return { ok: false, reason: "FORMAT" };
  const [, whole = "0", fraction = ""] = match;
  if (fraction.length > decimals) return { ok: false, reason: "TOO_MANY_DECIMALS" };
  // At most 12 + 3 digits: well inside Number's exact integer range.
  return { ok: true, minor: Number(whole + fraction.padEnd(decimals, "0")) };
}

/** Minor units as the plain decimal the form field holds ("129.99", "1500" for JPY). */
export function formatMinorAsInput(minor: number, decimals: number): string {
  if (decimals === 0) return String(minor);
  const digits = String(minor).padStart(decimals + 1, "0");
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
