import { describe, expect, it } from "vitest";
import { TtlCache } from "./ttl-cache";

describe("TtlCache", () => {
  it("remembers a value for its TTL, including null, and forgets it after", () => {
    let now = 0;
    const cache = new TtlCache<number | null>({ ttlMs: 100, maxEntries: 10, now: () => now });
    cache.set("a", null);
    cache.set("b", 2);
    now = 99;
    expect(cache.get("a")).toBeNull();
    expect(cache.get("b")).toBe(2);
    now = 100;
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBeUndefined();
  });

  it("drops the oldest entry when full", () => {
    const cache = new TtlCache<number>({ ttlMs: 1_000, maxEntries: 2 });
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([undefined, 2, 3]);
  });

  it("loads once for concurrent misses, and does not remember a failed load", async () => {
    const cache = new TtlCache<string>({ ttlMs: 1_000, maxEntries: 10 });
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return "value";
    };
    expect(await Promise.all(Array.from({ length: 50 }, () => cache.getOrLoad("k", load)))).toEqual(
      Array.from({ length: 50 }, () => "value"),
    );
    expect(loads).toBe(1);

    await expect(cache.getOrLoad("broken", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.getOrLoad("broken", () => Promise.resolve("back"))).toBe("back");
  });
});
