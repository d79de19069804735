import { describe, expect, it } from "vitest";
import { z } from "zod";
import { saleToFormState, type SaleFormState } from "./form-state";
import {
  DEFAULT_CHECKOUT_SETTINGS,
  DEFAULT_OPENING_SETTINGS,
  minutesShown,
  newSaleFormSchema,
  saleFormSchema,
  saleUpdateSchema,
} from "./schema";

const form: SaleFormState = {
  title: "  Summer sneaker  ",
  slug: "summer-sneaker",
  description: "Line one\nLine two <b>not html</b>",
  imageUrl: "",
  price: "129.99",
  currency: "usd",
  totalStock: "100",
  startsAt: "2031-03-01T10:00",
  endsAt: "2031-03-01T12:00",
  timezone: "Europe/Paris",
  holdMinutes: "10",
  offerMinutes: "5",
  waitlistEnabled: false,
  openingMode: "FIRST_COME",
  lobbyMinutes: "10",
  challengeCost: "0",
  minAccountAgeDays: "0",
};

describe("saleFormSchema", () => {
  it("turns editor text into stored values: trimmed, minor units, UTC instants", () => {
    expect(saleFormSchema.parse(form)).toEqual({
      title: "Summer sneaker",
      slug: "summer-sneaker",
      description: "Line one\nLine two <b>not html</b>",
      imageUrl: null,
      priceMinor: 12_999,
      currency: "USD",
      totalStock: 100,
      startsAt: new Date("2031-03-01T09:00:00Z"),
      endsAt: new Date("2031-03-01T11:00:00Z"),
      holdSeconds: 600,
      offerSeconds: 300,
      waitlistEnabled: false,
      openingMode: "FIRST_COME",
      lobbyMinutes: 10,
      challengeCost: 0,
      minAccountAgeDays: 0,
    });
  });

  it("reports every bad field at once", () => {
    const result = saleFormSchema.safeParse({
      ...form,
      title: "",
      totalStock: "0",
      price: "1.234",
      endsAt: "2031-03-01T09:00",
    });
    expect(result.success).toBe(false);
    expect(Object.keys(z.flattenError(result.error!).fieldErrors).sort()).toEqual([
      "endsAt",
      "price",
      "title",
      "totalStock",
    ]);
  });

  it("accepts https images and /products/ paths", () => {
    for (const imageUrl of [
      "https://cdn.example.com/a.png?w=400",
      "/products/sneaker.svg",
      "/products/2031/a_b-c.webp",
    ]) {
      expect(saleFormSchema.parse({ ...form, imageUrl }).imageUrl).toBe(imageUrl);
    }
  });

  it("stock arrives as a number from API callers too", () => {
    expect(saleFormSchema.parse({ ...form, totalStock: 5 }).totalStock).toBe(5);
  });
});

describe("the price, read by its currency's convention", () => {
  const priceOf = (price: string, currency: string) => saleFormSchema.safeParse({ ...form, price, currency });
  const priceError = (price: string, currency: string) =>
    (z.flattenError(priceOf(price, currency).error!).fieldErrors as Record<string, string[] | undefined>).price;

  it.each([
    ["12,5", "EUR", 1_250],
    ["1.234,50", "EUR", 123_450],
    ["1 234,50", "SEK", 123_450],
    ["129.99", "EUR", 12_999],
    ["1,234.50", "USD", 123_450],
    ["1,500", "JPY", 1_500],
  ])("%j in %s is stored as %i minor units", (price, currency, minor) => {
    expect(priceOf(price, currency).data?.priceMinor).toBe(minor);
  });

  it("a decimal comma in a currency written with a point is refused, saying how to write it", () => {
    expect(priceError("12,5", "USD")).toEqual(["USD prices use a decimal point: write 12.5."]);
    expect(priceError("1500,5", "JPY")).toEqual(["JPY prices are whole amounts, without decimals."]);
  });

  it("an ambiguous or malformed amount is refused in the currency's own terms", () => {
    expect(priceError("1.234", "EUR")).toEqual([
      "EUR prices have at most 2 decimals. For thousands, write 1234,50 or 1.234,50.",
    ]);
    expect(priceError("1,234.50", "EUR")).toEqual(["Enter the price as a number like 129,99 or 1.234,50."]);
    expect(priceError("1,23,4", "USD")).toEqual(["Enter the price as a number like 129.99 or 1,234.50."]);
    expect(priceError("12 €", "EUR")).toEqual(["Enter the price as a plain number like 129.99."]);
    expect(priceError(",", "EUR")).toEqual(["Enter the price as a plain number like 129.99."]);
  });
});

describe("checkout settings", () => {
  const fieldErrorsOf = (input: unknown) => {
    const result = saleFormSchema.safeParse(input);
    return result.success ? {} : z.flattenError(result.error).fieldErrors;
  };

  it("windows typed in minutes are stored in seconds; the waitlist is a switch", () => {
    const parsed = saleFormSchema.parse({ ...form, holdMinutes: " 120 ", offerMinutes: "1", waitlistEnabled: true });
    expect(parsed).toMatchObject({ holdSeconds: 7_200, offerSeconds: 60, waitlistEnabled: true });
    expect(saleFormSchema.parse({ ...form, holdMinutes: 30, offerMinutes: 60 })).toMatchObject({
      holdSeconds: 1_800,
      offerSeconds: 3_600,
    });
  });

  it("a new sale left without them gets 10 minutes to pay, 5 for an offer, no waitlist", () => {
    const { holdMinutes: _h, offerMinutes: _o, waitlistEnabled: _w, ...older } = form;
    expect(saleFormSchema.parse(older)).toMatchObject({ holdSeconds: 600, offerSeconds: 300, waitlistEnabled: false });
    expect(DEFAULT_CHECKOUT_SETTINGS).toEqual({ holdSeconds: 600, offerSeconds: 300, waitlistEnabled: false });
  });

  it("an update left without them keeps what is stored (no key at all, not a default)", () => {
    const { holdMinutes: _h, offerMinutes: _o, waitlistEnabled: _w, ...older } = form;
    const { values } = saleUpdateSchema.parse({ ...older, id: "sale_1" });
    expect(values).not.toHaveProperty("holdSeconds");
    expect(values).not.toHaveProperty("offerSeconds");
    expect(values).not.toHaveProperty("waitlistEnabled");
  });

  it.each([
    ["holdMinutes", "", "Enter the hold window in minutes."],
    ["holdMinutes", "0", "The hold window must be at least 1 minute."],
    ["holdMinutes", "121", "The hold window can be at most 120 minutes."],
    ["holdMinutes", "7.5", "Enter the hold window as a whole number of minutes, like 10."],
    ["holdMinutes", 7.5, "Enter the hold window as a whole number of minutes."],
    ["holdMinutes", "-5", "Enter the hold window as a whole number of minutes, like 10."],
    ["holdMinutes", -5, "The hold window must be at least 1 minute."],
    ["holdMinutes", "1e1", "Enter the hold window as a whole number of minutes, like 10."],
    ["holdMinutes", "ten", "Enter the hold window as a whole number of minutes, like 10."],
    ["holdMinutes", true, "Enter the hold window as a whole number of minutes, like 10."],
    ["holdMinutes", null, "Enter the hold window as a whole number of minutes, like 10."],
    ["offerMinutes", "61", "The offer window can be at most 60 minutes."],
    ["offerMinutes", "0", "The offer window must be at least 1 minute."],
    ["offerMinutes", " ", "Enter the offer window in minutes."],
    ["offerMinutes", "5 min", "Enter the offer window as a whole number of minutes, like 5."],
    ["waitlistEnabled", "on", "Turn the waitlist on or off (true or false)."],
    ["waitlistEnabled", 1, "Turn the waitlist on or off (true or false)."],
    ["waitlistEnabled", null, "Turn the waitlist on or off (true or false)."],
  ] as const)("%s = %j is refused: %s", (field, value, message) => {
    expect(fieldErrorsOf({ ...form, [field]: value })).toEqual({ [field]: [message] });
  });

  it("a stored window that is not a whole minute is shown rounded, never as 0", () => {
    expect(minutesShown(600)).toBe(10);
    expect(minutesShown(90)).toBe(2);
    expect(minutesShown(2)).toBe(1);
  });
});

describe("opening settings", () => {
  const fieldErrorsOf = (input: unknown) => {
    const result = saleFormSchema.safeParse(input);
    return result.success ? {} : z.flattenError(result.error).fieldErrors;
  };

  it("a fair draw with its lobby, challenge and age rule is stored as typed", () => {
    const parsed = saleFormSchema.parse({
      ...form,
      openingMode: "FAIR_DRAW",
      lobbyMinutes: "1440",
      challengeCost: "50,000",
      minAccountAgeDays: " 30 ",
    });
    expect(parsed).toMatchObject({
      openingMode: "FAIR_DRAW",
      lobbyMinutes: 1_440,
      challengeCost: 50_000,
      minAccountAgeDays: 30,
    });
    expect(saleFormSchema.parse({ ...form, challengeCost: 1_000_000, minAccountAgeDays: 3_650 })).toMatchObject({
      challengeCost: 1_000_000,
      minAccountAgeDays: 3_650,
    });
  });

  it("a fair draw always has its waitlist, whatever the switch says", () => {
    expect(saleFormSchema.parse({ ...form, openingMode: "FAIR_DRAW", waitlistEnabled: false }).waitlistEnabled).toBe(
      true,
    );
    expect(saleFormSchema.parse({ ...form, openingMode: "FIRST_COME" }).waitlistEnabled).toBe(false);
  });

  it("a new sale left without them opens first come, with no challenge and no age rule", () => {
    const { openingMode: _m, lobbyMinutes: _l, challengeCost: _c, minAccountAgeDays: _a, ...older } = form;
    expect(saleFormSchema.parse(older)).toMatchObject(DEFAULT_OPENING_SETTINGS);
    expect(DEFAULT_OPENING_SETTINGS).toEqual({
      openingMode: "FIRST_COME",
      lobbyMinutes: 10,
      challengeCost: 0,
      minAccountAgeDays: 0,
    });
  });

  it("an update left without them keeps what is stored", () => {
    const { openingMode: _m, lobbyMinutes: _l, challengeCost: _c, minAccountAgeDays: _a, ...older } = form;
    const { values } = saleUpdateSchema.parse({ ...older, id: "sale_1" });
    for (const key of ["openingMode", "lobbyMinutes", "challengeCost", "minAccountAgeDays"]) {
      expect(values).not.toHaveProperty(key);
    }
  });

  it.each([
    ["openingMode", "LOTTERY", "Pick how the sale opens: first come, first served, or a fair draw."],
    ["openingMode", "", "Pick how the sale opens: first come, first served, or a fair draw."],
    ["lobbyMinutes", "", "Enter the lobby's length in minutes."],
    ["lobbyMinutes", "0", "The lobby's length must be at least 1 minute."],
    ["lobbyMinutes", "1441", "The lobby's length can be at most 1440 minutes."],
    ["lobbyMinutes", "2.5", "Enter the lobby's length as a whole number of minutes, like 10."],
    ["challengeCost", "", "Enter the challenge cost."],
    ["challengeCost", "999", "Enter 0 for no challenge, or a cost from 1,000 to 1,000,000."],
    ["challengeCost", "1000001", "Enter 0 for no challenge, or a cost from 1,000 to 1,000,000."],
    ["challengeCost", "1e5", "Enter the challenge cost as a whole number, like 50000."],
    ["challengeCost", -1, "The challenge cost cannot be negative."],
    ["challengeCost", 1_500.5, "Enter the challenge cost as a whole number, like 50000."],
    ["minAccountAgeDays", "3651", "The minimum account age can be at most 3,650 days (ten years)."],
    ["minAccountAgeDays", "a week", "Enter the minimum account age as a whole number, like 30."],
    ["minAccountAgeDays", " ", "Enter the minimum account age."],
  ] as const)("%s = %j is refused: %s", (field, value, message) => {
    expect(fieldErrorsOf({ ...form, [field]: value })).toEqual({ [field]: [message] });
  });
});

describe("newSaleFormSchema", () => {
  it("accepts a start in the current minute (live now) but not ten minutes ago", () => {
    const minute = (offset: number) => new Date(Date.now() + offset).toISOString().slice(0, 16);
    const now = { ...form, timezone: "UTC", startsAt: minute(0), endsAt: minute(3_600_000) };
    expect(newSaleFormSchema.safeParse(now).success).toBe(true);
    const past = newSaleFormSchema.safeParse({ ...now, startsAt: minute(-600_000) });
    expect(z.flattenError(past.error!).fieldErrors).toEqual({
      startsAt: ["The start is in the past. Pick a time from now on."],
    });
  });
});

describe("saleUpdateSchema and saleToFormState", () => {
  it("a stored sale shown in any zone parses back to the same values", () => {
    const stored = saleFormSchema.parse({
      ...form,
      holdMinutes: "20",
      offerMinutes: "3",
      waitlistEnabled: true,
      openingMode: "FAIR_DRAW",
      lobbyMinutes: "30",
      challengeCost: "200000",
      minAccountAgeDays: "7",
    });
    for (const zone of ["UTC", "America/Los_Angeles", "Asia/Tokyo"]) {
      const parsed = saleUpdateSchema.parse({ ...saleToFormState(stored, zone), id: "sale_1" });
      expect(parsed).toEqual({ id: "sale_1", values: stored });
    }
  });
});
