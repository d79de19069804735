import { describe, expect, it } from "vitest";
import { salePhase } from "./sale-phase";

const now = new Date("2026-01-01T12:00:00Z");
const before = new Date("2026-01-01T11:00:00Z");
const after = new Date("2026-01-01T13:00:00Z");

describe("salePhase", () => {
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
