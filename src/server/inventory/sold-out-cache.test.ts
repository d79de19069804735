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

  it("after the TTL sends one caller to Redis and keeps answering everyone else from memory", () => {
    let now = 1_000;
    const cache = new SoldOutCache(750, () => now, 1_000);
    expect(cache.answerFromMemory("a")).toBe(false);
    cache.markSoldOut("a");
    expect(cache.answerFromMemory("a")).toBe(true);
    now += 750;
    expect(cache.answerFromMemory("a")).toBe(false);
    expect(cache.answerFromMemory("a")).toBe(true);
    expect(cache.answerFromMemory("a")).toBe(true);
    expect(cache.isSoldOut("a")).toBe(false);
    // Still sold out: the caller reports back and the next TTL starts.
    cache.markSoldOut("a");
    now += 749;
    expect(cache.answerFromMemory("a")).toBe(true);
  });

  it("lets everyone in once the caller sent to Redis found units (a restock)", () => {
    let now = 1_000;
    const cache = new SoldOutCache(750, () => now, 1_000);
    cache.markSoldOut("a");
    now += 800;
    expect(cache.answerFromMemory("a")).toBe(false);
    cache.markAvailable("a");
    expect(cache.answerFromMemory("a")).toBe(false);
    expect(cache.answerFromMemory("a")).toBe(false);
  });

  it("sends another caller when the first never reports back", () => {
    let now = 1_000;
    const cache = new SoldOutCache(750, () => now, 1_000);
    cache.markSoldOut("a");
    now += 750;
    expect(cache.answerFromMemory("a")).toBe(false);
    now += 999;
    expect(cache.answerFromMemory("a")).toBe(true);
    now += 1;
    expect(cache.answerFromMemory("a")).toBe(false);
  });

  it("keeps a fresh sold-out mark when an older answer says units were left", () => {
    let now = 1_000;
    const cache = new SoldOutCache(750, () => now, 1_000);
    cache.markSoldOut("a");
    now += 10;
    cache.markAvailable("a");
    expect(cache.answerFromMemory("a")).toBe(true);
    cache.forget("a");
    expect(cache.answerFromMemory("a")).toBe(false);
  });
});
