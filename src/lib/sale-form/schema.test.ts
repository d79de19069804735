import { describe, expect, it } from "vitest";
import { z } from "zod";
import { saleToFormState, type SaleFormState } from "./form-state";
import { newSaleFormSchema, saleFormSchema, saleUpdateSchema } from "./schema";

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
    const stored = saleFormSchema.parse(form);
    for (const zone of ["UTC", "America/Los_Angeles", "Asia/Tokyo"]) {
      const parsed = saleUpdateSchema.parse({ ...saleToFormState(stored, zone), id: "sale_1" });
      expect(parsed).toEqual({ id: "sale_1", values: stored });
    }
  });
});
