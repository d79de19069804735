import { describe, expect, it } from "vitest";
import { detectClusters, largestBurst, signalsOf, type GroupActivity } from "./clusters";

const group = (key: string, enteredAt: number[], refused = 0, units = 0): GroupActivity => ({
  key,
  enteredAt,
  refused,
  units,
});
const T = 1_900_000_000_000;
const spread = (count: number, stepMs: number) => Array.from({ length: count }, (_, index) => T + index * stepMs);
const rules = { entriesPerBlock: 5, entriesPerDevice: 2 };

describe("largestBurst", () => {
  it("counts entries less than the window after the first of them", () => {
    expect(largestBurst([T, T + 50, T + 99, T + 100], 100)).toEqual({ entries: 3, at: T });
    expect(largestBurst([T + 100, T, T + 150, T + 199], 100)).toEqual({ entries: 3, at: T + 100 });
    expect(largestBurst([T], 100)).toEqual({ entries: 1, at: T });
    expect(largestBurst([], 100)).toBeNull();
  });

  it("identical timestamps are one burst", () => {
    expect(largestBurst([T, T, T, T], 100)).toEqual({ entries: 4, at: T });
  });
});

describe("signalsOf", () => {
  const block = { allowance: 5, burstMin: 3, windowMs: 100 };

  it("an allowance exceeded counts admitted accounts and refused attempts together", () => {
    expect(signalsOf(group("b", spread(2, 5_000), 98), block)).toEqual([
      { kind: "OVER_ALLOWANCE", attempts: 100, allowance: 5 },
    ]);
    // Caps not enforced: the admitted accounts alone show it.
    expect(signalsOf(group("b", spread(6, 5_000)), block)).toEqual([
      { kind: "OVER_ALLOWANCE", attempts: 6, allowance: 5 },
    ]);
  });

  it("a used-up allowance without more attempts is only at the allowance", () => {
    expect(signalsOf(group("b", spread(5, 5_000)), block)).toEqual([
      { kind: "AT_ALLOWANCE", accounts: 5, allowance: 5 },
    ]);
    expect(signalsOf(group("b", spread(4, 5_000)), block)).toEqual([]);
  });

  it("three accounts within 100 ms is a burst; 100 ms apart is not", () => {
    expect(signalsOf(group("b", [T, T + 40, T + 99]), block)).toEqual([
      { kind: "BURST", entries: 3, windowMs: 100, at: new Date(T) },
    ]);
    expect(signalsOf(group("b", [T, T + 100, T + 200]), block)).toEqual([]);
  });
});

describe("detectClusters", () => {
  it("a bot of 100 accounts on one /24 and one device is flagged, honest shoppers are not", () => {
    // The bot: its device's allowance admitted 2 accounts (a few ms apart), and turned 98 away.
    const botBlock = "203.0.113.0/24";
    const bot = spread(2, 7);
    const honestBlocks = Array.from({ length: 1_000 }, (_, index) => group(`10.0.${index}.0/24`, [T + index * 997]));
    const honestDevices = Array.from({ length: 1_000 }, (_, index) => group(`device-${index}`, [T + index * 997]));
    const clusters = detectClusters({
      blocks: [group(botBlock, bot), ...honestBlocks],
      devices: [{ ...group("bot-device", bot, 98), related: [botBlock, botBlock] }, ...honestDevices],
      ...rules,
    });
    expect(clusters).toEqual([
      {
        kind: "DEVICE",
        key: "bot-device",
        accounts: 2,
        refused: 98,
        units: 0,
        related: [botBlock],
        signals: [
          { kind: "OVER_ALLOWANCE", attempts: 100, allowance: 2 },
          { kind: "BURST", entries: 2, windowMs: 100, at: new Date(T) },
        ],
        verdict: "AUTOMATED",
      },
    ]);
  });

  it("a bot that drops its device cookie meets the block allowance, and is flagged there", () => {
    const clusters = detectClusters({
      blocks: [group("198.51.100.0/24", spread(5, 3), 95, 1)],
      devices: spread(5, 3).map((at, index) => group(`fresh-${index}`, [at])),
      ...rules,
    });
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({
      kind: "BLOCK",
      verdict: "AUTOMATED",
      units: 1,
      signals: [
        { kind: "OVER_ALLOWANCE", attempts: 100, allowance: 5 },
        { kind: "BURST", entries: 5 },
      ],
    });
  });

  it("an office using its whole allowance over minutes is listed to watch, after the automated ones", () => {
    const clusters = detectClusters({
      blocks: [group("192.0.2.0/24", spread(5, 60_000)), group("203.0.113.0/24", spread(3, 10))],
      devices: [group("shared-laptop", [T, T + 600_000])],
      ...rules,
    });
    expect(clusters.map((cluster) => [cluster.kind, cluster.key, cluster.verdict])).toEqual([
      ["BLOCK", "203.0.113.0/24", "AUTOMATED"],
      ["BLOCK", "192.0.2.0/24", "WATCH"],
      ["DEVICE", "shared-laptop", "WATCH"],
    ]);
  });

  it("two accounts from one browser within 100 ms look automated; a second account an hour later does not", () => {
    const fast = detectClusters({ blocks: [], devices: [group("d", [T, T + 60])], ...rules });
    expect(fast[0]).toMatchObject({ verdict: "AUTOMATED", signals: [{ kind: "AT_ALLOWANCE" }, { kind: "BURST" }] });
    const slow = detectClusters({ blocks: [], devices: [group("d", [T, T + 3_600_000])], ...rules });
    expect(slow[0]).toMatchObject({ verdict: "WATCH" });
  });

  it("a key every attempt of which was refused is still a cluster", () => {
    const clusters = detectClusters({ blocks: [group("b", [], 12)], devices: [], ...rules });
    expect(clusters[0]).toMatchObject({ accounts: 0, refused: 12, verdict: "AUTOMATED" });
  });
});
