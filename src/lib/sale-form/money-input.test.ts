import { describe, expect, it } from "vitest";
import { CURRENCY_DECIMALS, SUPPORTED_CURRENCIES } from "./currencies";
import { formatMinorAsInput, parseDecimalAmount } from "./money-input";

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
    ["1,5", 2, "FORMAT"],
    ["1e3", 2, "FORMAT"],
    ["", 2, "FORMAT"],
    [".5", 2, "FORMAT"],
  ] as const)("%s with %i decimals is refused (%s)", (text, decimals, reason) => {
    expect(parseDecimalAmount(text, decimals)).toEqual({ ok: false, reason });
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
