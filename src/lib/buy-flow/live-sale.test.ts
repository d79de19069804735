import { describe, expect, it } from "vitest";
import { buyPhase, liveSaleSchema } from "./live-sale";

const startsAt = Date.UTC(2026, 0, 1, 12);
const endsAt = startsAt + 3_600_000;

describe("buyPhase", () => {
  it.each([
    ["PUBLISHED", startsAt - 1, "upcoming"],
    ["PUBLISHED", startsAt, "live"],
    ["PUBLISHED", endsAt - 1, "live"],
    ["PUBLISHED", endsAt, "ended"],
    ["PAUSED", startsAt + 10, "paused"],
    ["ENDED", startsAt + 10, "ended"],
    ["DRAFT", startsAt + 10, "ended"],
    ["ARCHIVED", startsAt + 10, "ended"],
  ] as const)("%s at %i is %s", (state, now, phase) => {
    expect(buyPhase({ state, startsAt, endsAt }, now)).toBe(phase);
  });
});

describe("buyPhase of a fair-draw sale", () => {
  const lobbyOpensAt = startsAt - 600_000;
  it.each([
    ["PUBLISHED", lobbyOpensAt - 1, "upcoming"],
    ["PUBLISHED", lobbyOpensAt, "lobby"],
    ["PUBLISHED", startsAt - 1, "lobby"],
    ["PUBLISHED", startsAt, "live"],
    ["PAUSED", lobbyOpensAt + 10, "paused"],
    ["ENDED", lobbyOpensAt + 10, "ended"],
  ] as const)("%s at %i is %s", (state, now, phase) => {
    expect(buyPhase({ state, startsAt, endsAt }, now, lobbyOpensAt)).toBe(phase);
  });
});

describe("liveSaleSchema", () => {
  it("accepts what the stock route sends and rejects negative stock", () => {
    const body = { saleId: "s1", stockLeft: 3, total: 10, state: "PUBLISHED", startsAt, endsAt, readAt: startsAt };
    expect(liveSaleSchema.parse(body)).toEqual(body);
    expect(liveSaleSchema.safeParse({ ...body, stockLeft: -1 }).success).toBe(false);
    expect(liveSaleSchema.safeParse({ ...body, state: "DRAFT" }).success).toBe(false);
  });
});
