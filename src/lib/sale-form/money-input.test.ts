import { describe, expect, it } from "vitest";
import { CURRENCY_DECIMALS, SUPPORTED_CURRENCIES } from "./currencies";
import { formatMinorAsInput, parseDecimalAmount, parsePrice } from "./money-input";

describe("parseDecimalAmount", () => {
  it.each([
    ["129.99", 2, 12_999],
    ["0.29", 2, 29],
    ["0.1", 2, 10],
    ["1.005", 3, 1_005],
    ["129", 2, 12_900],
    ["1500", 0, 1_500],
    ["007.50", 2, 750],
    ["100000.00", 2, 10_000_000],
  ])("%s with %i decimals is %i minor units, exactly", (text, decimals, minor) => {
    expect(parseDecimalAmount(text, decimals)).toEqual({ ok: true, minor });
  });

  it.each([
    ["1.999", 2, "TOO_MANY_DECIMALS"],
    ["1500.5", 0, "TOO_MANY_DECIMALS"],
    ["-1", 2, "FORMAT"],
    ["1,5", 2, "DECIMAL_COMMA"],
    ["1e3", 2, "FORMAT"],
    ["", 2, "FORMAT"],
    [".5", 2, "FORMAT"],
  ] as const)("%s with %i decimals is refused (%s)", (text, decimals, reason) => {
    expect(parseDecimalAmount(text, decimals)).toEqual({ ok: false, reason });
  });
});

describe("parsePrice: separators by the currency's own convention", () => {
  it.each([
    // A decimal comma where the currency is written with one…
    ["12,5", "EUR", 1_250],
    ["12,50", "EUR", 1_250],
    ["1.234,50", "EUR", 123_450],
    ["1 234,50", "EUR", 123_450],
    ["1\u00a0234,5", "SEK", 123_450],
    ["1.234.567,89", "EUR", 123_456_789],
    ["0,29", "PLN", 29],
    // …and a decimal point still reads as one, as the form writes stored prices.
    ["129.99", "EUR", 12_999],
    ["12,5", "BRL", 1_250],
    // Decimal-point currencies group thousands with commas, in whole groups.
    ["1,234.50", "USD", 123_450],
    ["1,234", "USD", 123_400],
    ["12.5", "USD", 1_250],
    ["1,500", "JPY", 1_500],
    ["1 234.50", "GBP", 123_450],
  ] as const)("%j in %s is %i minor units", (text, currency, minor) => {
    expect(parsePrice(text, currency)).toEqual({ ok: true, minor });
  });

  it.each([
    // A decimal comma in a currency written with a point: refused with its own reason, not guessed.
    ["12,5", "USD", "DECIMAL_COMMA"],
    ["12,50", "GBP", "DECIMAL_COMMA"],
    ["1500,5", "JPY", "DECIMAL_COMMA"],
    // "1.234" in euros is three decimals, not a thousand and something: refused, never ×1000.
    ["1.234", "EUR", "TOO_MANY_DECIMALS"],
    ["12,505", "EUR", "TOO_MANY_DECIMALS"],
    // Malformed groups and mixed conventions.
    ["1,234.50", "EUR", "FORMAT"],
    ["12.34,5", "EUR", "FORMAT"],
    ["1,2,3", "USD", "FORMAT"],
    ["1,23,456", "USD", "FORMAT"],
    ["12,", "EUR", "FORMAT"],
    [",5", "EUR", "FORMAT"],
    ["1 2", "EUR", "FORMAT"],
  ] as const)("%j in %s is refused (%s)", (text, currency, reason) => {
    expect(parsePrice(text, currency)).toEqual({ ok: false, reason });
  });
});

describe("formatMinorAsInput", () => {
  it.each([
    [12_999, 2, "129.99"],
    [5, 2, "0.05"],
    [1_500, 0, "1500"],
    [1_005, 3, "1.005"],
  ])("%i with %i decimals reads %s", (minor, decimals, text) => {
    expect(formatMinorAsInput(minor, decimals)).toBe(text);
    expect(parseDecimalAmount(text, decimals)).toEqual({ ok: true, minor });
  });
});

describe("supported currencies", () => {
  it.each(SUPPORTED_CURRENCIES)("%s decimals agree with Intl (which formats the price)", (currency) => {
    const intl = new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits;
    expect(CURRENCY_DECIMALS[currency]).toBe(intl);
  });
});
