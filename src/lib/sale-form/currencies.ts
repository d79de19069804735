// The currencies a sale may be priced in, with the number of decimals (ISO 4217 minor unit) each
// allows. Prices are stored as integers of that minor unit, so the table decides how "129.99" is
// read. Kept in step with Intl's own digits, which formatPrice uses to print the amount back.
export const CURRENCY_DECIMALS = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  INR: 2,
  BRL: 2,
  MXN: 2,
  SGD: 2,
  HKD: 2,
  JPY: 0,
  KRW: 0,
  KWD: 3,
} as const satisfies Record<string, number>;

export type SupportedCurrency = keyof typeof CURRENCY_DECIMALS;

export const SUPPORTED_CURRENCIES = Object.keys(CURRENCY_DECIMALS) as [SupportedCurrency, ...SupportedCurrency[]];

export function isSupportedCurrency(code: string): code is SupportedCurrency {
  return Object.hasOwn(CURRENCY_DECIMALS, code);
}

/**
 * Currencies whose own countries write the decimal part after a comma ("12,50 €", "1.234,50 kr",
 * "R$ 12,50"): there the editor reads "12,5" as twelve and a half. Every other currency is written
 * with a decimal point where it is used, so a comma there is refused rather than guessed at.
 */
const DECIMAL_COMMA_CURRENCIES: ReadonlySet<SupportedCurrency> = new Set([
  "EUR",
  "SEK",
  "NOK",
  "DKK",
  "PLN",
  "CZK",
  "BRL",
]);

export function usesDecimalComma(currency: SupportedCurrency): boolean {
  return DECIMAL_COMMA_CURRENCIES.has(currency);
}
