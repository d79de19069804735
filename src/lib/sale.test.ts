import { describe, expect, expectTypeOf, it } from "vitest";
// Type-only: the schema's states must be exactly the database's, checked by the compiler.
import type { SaleState as StoredSaleState } from "~/server/db";
import {
  isStorefrontState,
  SALE_PHASE_LABELS,
  SALE_PHASES,
  SALE_STATES,
  saleIdSchema,
  salePhase,
  stockCaption,
  stockShare,
  storefrontPhase,
  storefrontStateSchema,
  unitsLabel,
  type SaleState,
} from "./sale";

describe("SaleState", () => {
  it("is the database's SaleState enum, no more and no less", () => {
    expectTypeOf<SaleState>().toEqualTypeOf<StoredSaleState>();
    expect(SALE_STATES).toEqual(["DRAFT", "PUBLISHED", "PAUSED", "ENDED", "ARCHIVED"]);
  });

  it("shows only published, paused and ended sales on the storefront", () => {
    expect(SALE_STATES.filter(isStorefrontState)).toEqual(["PUBLISHED", "PAUSED", "ENDED"]);
    expect(storefrontStateSchema.safeParse("DRAFT").success).toBe(false);
  });
});

describe("saleIdSchema", () => {
  it("accepts a cuid", () => {
    expect(saleIdSchema.parse("cmf3k2x9v0000qz8l1b2c3d4e")).toBe("cmf3k2x9v0000qz8l1b2c3d4e");
  });

  it.each([
    ["a NUL", "\u0000"],
    ["a control character inside", "a\u0001b"],
    ["DEL", "\u007f"],
    ["nothing", ""],
    ["65 characters", "a".repeat(65)],
  ])("refuses %s", (_label, value) => {
    expect(saleIdSchema.safeParse(value).success).toBe(false);
  });

  it("takes 64 characters", () => {
    expect(saleIdSchema.safeParse("a".repeat(64)).success).toBe(true);
  });
});

const now = new Date("2026-01-01T12:00:00Z");
const before = new Date("2026-01-01T11:00:00Z");
const after = new Date("2026-01-01T13:00:00Z");

describe("salePhase from state and clock", () => {
  it.each([
    ["DRAFT", after, after, "draft"],
    ["PUBLISHED", after, new Date("2026-01-01T14:00:00Z"), "upcoming"],
    ["PUBLISHED", before, after, "live"],
    ["PUBLISHED", new Date("2026-01-01T10:00:00Z"), before, "ended"],
    ["PUBLISHED", now, after, "live"],
    ["PUBLISHED", before, now, "ended"],
    ["PAUSED", before, after, "paused"],
    ["PAUSED", new Date("2026-01-01T10:00:00Z"), before, "ended"],
    ["ENDED", before, after, "ended"],
    ["ARCHIVED", before, after, "archived"],
  ] as const)("%s from %s to %s is %s", (state, startsAt, endsAt, phase) => {
    expect(salePhase({ state, startsAt, endsAt }, now)).toBe(phase);
  });
});

describe("salePhase with the units left", () => {
  const hour = (offset: number) => new Date(now.getTime() + offset * 3_600_000);
  const sale = (state: SaleState, start: number, end: number) => ({ state, startsAt: hour(start), endsAt: hour(end) });

  it.each([
    [sale("DRAFT", 1, 2), 10, "draft"],
    [sale("PUBLISHED", 1, 2), 10, "upcoming"],
    [sale("PUBLISHED", -1, 1), 10, "live"],
    [sale("PUBLISHED", -1, 1), 0, "sold_out"],
    [sale("PUBLISHED", -1, 1), null, "live"],
    [sale("PUBLISHED", -2, -1), 10, "ended"],
    [sale("PAUSED", -1, 1), 10, "paused"],
    [sale("PAUSED", -2, -1), 10, "ended"],
    [sale("ENDED", -1, 1), 10, "ended"],
    [sale("ARCHIVED", -1, 1), 10, "archived"],
  ] as const)("%o with %s left is %s", (input, stockLeft, phase) => {
    expect(salePhase(input, now, stockLeft)).toBe(phase);
  });

  it("has a label for every phase", () => {
    expect(Object.keys(SALE_PHASE_LABELS).sort()).toEqual([...SALE_PHASES].sort());
    expect(SALE_PHASE_LABELS.sold_out).toBe("Sold out");
  });
});

describe("storefrontPhase", () => {
  it.each([
    ["PUBLISHED", after, new Date("2026-01-01T14:00:00Z"), "upcoming"],
    ["PUBLISHED", before, after, "live"],
    ["PAUSED", before, after, "paused"],
    ["ENDED", before, after, "ended"],
    ["DRAFT", before, after, "ended"],
    ["ARCHIVED", before, after, "ended"],
  ] as const)("%s from %s to %s is %s", (state, startsAt, endsAt, phase) => {
    expect(storefrontPhase({ state, startsAt, endsAt }, now)).toBe(phase);
  });
});

describe("unit counts in words", () => {
  it("says 1 unit and 2 units", () => {
    expect(unitsLabel(1)).toBe("1 unit");
    expect(unitsLabel(2)).toBe("2 units");
    expect(unitsLabel(0)).toBe("0 units");
  });

  it("fills a stock bar by what its caption counts", () => {
    // Running: units left, in words and in the bar.
    expect(stockCaption("left", 3, 5)).toBe("3 of 5 left");
    expect(stockShare("left", 3, 5)).toBe(0.6);
    expect(stockCaption("left", 0, 1)).toBe("Sold out · all 1 unit claimed");
    expect(stockShare("left", 0, 1)).toBe(0);
    // Over: units sold, in words and in the bar (a sale that sold everything is a full bar).
    expect(stockCaption("sold", 1, 4)).toBe("3 of 4 units sold");
    expect(stockShare("sold", 1, 4)).toBe(0.75);
    expect(stockCaption("sold", 0, 2)).toBe("Sold out · all 2 units sold");
    expect(stockShare("sold", 0, 2)).toBe(1);
    // Before the start: the whole stock.
    expect(stockCaption("offered", 1, 1)).toBe("1 unit");
    expect(stockShare("offered", 7, 7)).toBe(1);
    expect(stockShare("left", 1, 0)).toBe(0);
  });
});
