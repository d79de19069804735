import { describe, expect, it } from "vitest";
import { diffFields, snapshotFields } from "./audit";

describe("diffFields", () => {
  it("keeps only changed fields, dates as ISO strings", () => {
    const current = {
      title: "A",
      totalStock: 10,
      endsAt: new Date("2030-01-01T00:00:00Z"),
      imageUrl: null as string | null,
    };
    const next = { title: "A", totalStock: 12, endsAt: new Date("2030-01-01T00:00:00Z"), imageUrl: "/products/a.svg" };
    expect(diffFields(current, next)).toEqual({
      before: { totalStock: 10, imageUrl: null },
      after: { totalStock: 12, imageUrl: "/products/a.svg" },
    });
  });

  it("is empty when nothing changed", () => {
    const when = new Date();
    expect(diffFields({ a: 1, when }, { a: 1, when: new Date(when) })).toEqual({ before: {}, after: {} });
  });
});

describe("snapshotFields", () => {
  it("serialises dates", () => {
    expect(snapshotFields({ at: new Date("2030-01-01T00:00:00Z"), n: 1 })).toEqual({
      at: "2030-01-01T00:00:00.000Z",
      n: 1,
    });
  });
});
