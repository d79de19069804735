import { describe, expect, it } from "vitest";
import { shareTable } from "./shares";

const keys = (...names: Array<string | null>) => names.map((key) => ({ key }));

describe("shareTable", () => {
  it("gives each key its units' share beside its entrants' share, largest first", () => {
    const table = shareTable(keys("a", "a", "b", "c", null), keys("a", "a", "b", null), 10);
    expect(table.rows).toEqual([
      { key: "a", accounts: 2, units: 2, share: 0.5, expectedShare: 0.4 },
      { key: "b", accounts: 1, units: 1, share: 0.25, expectedShare: 0.2 },
      { key: "c", accounts: 1, units: 0, share: 0, expectedShare: 0.2 },
    ]);
    expect(table.unknown).toEqual({ accounts: 1, units: 1, share: 0.25 });
    expect(table).toMatchObject({
      totalUnits: 4,
      totalAccounts: 5,
      rest: { keys: 0, accounts: 0, units: 0, share: 0 },
    });
  });

  it("keeps the top rows and sums the rest; shares of all rows, rest and unknown add up to one", () => {
    const entrants = keys(...Array.from({ length: 30 }, (_, index) => `k${String(index).padStart(2, "0")}`), null);
    const winners = keys(...Array.from({ length: 30 }, (_, index) => `k${String(index).padStart(2, "0")}`), null);
    const table = shareTable(entrants, winners, 5);
    expect(table.rows.map((row) => row.key)).toEqual(["k00", "k01", "k02", "k03", "k04"]);
    expect(table.rest).toEqual({ keys: 25, accounts: 25, units: 25, share: 25 / 31 });
    const total = table.rows.reduce((sum, row) => sum + row.share, 0) + table.rest.share + table.unknown.share;
    expect(total).toBeCloseTo(1, 12);
  });

  it("a bot's block holding more units than its entrants' share stands out", () => {
    const honest = Array.from({ length: 1_000 }, (_, index) => `10.0.${index}.0/24`);
    const table = shareTable(keys("bot", "bot", ...honest), keys("bot", ...honest.slice(0, 99)), 1);
    expect(table.rows[0]).toEqual({ key: "bot", accounts: 2, units: 1, share: 0.01, expectedShare: 2 / 1_002 });
  });

  it("no winners and no entrants: every share is 0, not NaN", () => {
    expect(shareTable([], [], 10)).toEqual({
      rows: [],
      rest: { keys: 0, accounts: 0, units: 0, share: 0 },
      unknown: { accounts: 0, units: 0, share: 0 },
      totalUnits: 0,
      totalAccounts: 0,
    });
  });
});
