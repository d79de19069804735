// Prices are stored in minor units (cents); formatting is the only place they become decimals.
export function formatPrice(priceMinor: number, currency: string, locale = "en-US"): string {
  const formatter = new Intl.NumberFormat(locale, { style: "currency", currency });
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(priceMinor / 10 ** digits);
}
