import { describe, expect, it } from "vitest";
import { SoldOutCache } from "./sold-out-cache";

describe("SoldOutCache", () => {
  it("remembers a sold-out sale only for its TTL", () => {
    let now = 1_000;
    const cache = new SoldOutCache(750, () => now);
    expect(cache.isSoldOut("a")).toBe(false);
    cache.markSoldOut("a");
    expect(cache.isSoldOut("a")).toBe(true);
    expect(cache.isSoldOut("b")).toBe(false);
    now += 749;
    expect(cache.isSoldOut("a")).toBe(true);
    now += 1;
    expect(cache.isSoldOut("a")).toBe(false);
  });
});
