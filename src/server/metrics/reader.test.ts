import { describe, expect, it } from "vitest";
import type { MonitorNow } from "~/lib/monitor";
import { buildSeries, refusalsByReason } from "./reader";

const now: MonitorNow = {
  state: "PUBLISHED",
  stock: 7,
  total: 10,
  held: 3,
  expiringSoon: 1,
  paid: 0,
  waitlist: 0,
  unpersisted: 2,
};
const seconds = (entries: Record<number, Record<string, number>>) =>
  new Map(Object.entries(entries).map(([second, events]) => [Number(second), new Map(Object.entries(events))]));

describe("the monitor's series", () => {
  it("has one point per second of the window, oldest first, and carries gauges forward", () => {
    const series = buildSeries(
      seconds({
        102: {
          "g.stock": 9,
          "g.held": 1,
          "g.waitlist": 0,
          "reserve.RESERVED": 1,
          "reserve.SOLD_OUT": 2,
          "soldout.cached": 3,
        },
        104: { "g.stock": 7, "g.held": 3, "g.waitlist": 0, "persist.count": 2, "persist.lag_ms": 700 },
        99: { "g.stock": 1 },
      }),
      105,
      5,
      now,
    );
    expect(series.t).toEqual([101, 102, 103, 104, 105]);
    // Before the window's first gauge nothing is known (a gauge outside the window is not read).
    expect(series.stock).toEqual([null, 9, 9, 7, 7]);
    expect(series.held).toEqual([null, 1, 1, 3, 3]);
    expect(series.reserved).toEqual([0, 1, 0, 0, 0]);
    expect(series.refused).toEqual([0, 5, 0, 0, 0]);
    expect(series.persistLagMs).toEqual([null, null, null, 350, null]);
  });

  it("fills the window with the figures now when nothing changed in it", () => {
    const series = buildSeries(seconds({ 103: { "publish.ok": 4 } }), 105, 3, now);
    expect(series.stock).toEqual([7, 7, 7]);
    expect(series.held).toEqual([3, 3, 3]);
    expect(series.waitlist).toEqual([0, 0, 0]);
    expect(series.publishes).toEqual([4, 0, 0]);
  });

  it("counts challenge refusals wherever they were decided", () => {
    const series = buildSeries(
      seconds({
        105: { "challenge.CHALLENGE_INVALID": 2, "reserve.CHALLENGE_REPLAYED": 1, "lobby.CHALLENGE_REQUIRED": 1 },
      }),
      105,
      1,
      now,
    );
    expect(series.challengeDenied).toEqual([4]);
  });
});

describe("refusals by reason", () => {
  it("merges sold-out answers from memory into SOLD_OUT and sorts largest first", () => {
    expect(
      refusalsByReason({
        "reserve.RESERVED": 50,
        "reserve.ALREADY_RESERVED": 4,
        "reserve.WAITLISTED": 9,
        "reserve.SOLD_OUT": 100,
        "soldout.cached": 150,
        "ratelimit.denied": 12,
        "challenge.CHALLENGE_INVALID": 3,
        "reserve.PAUSED": 3,
      }),
    ).toEqual([
      { reason: "SOLD_OUT", count: 250 },
      { reason: "RATE_LIMITED", count: 12 },
      { reason: "CHALLENGE_INVALID", count: 3 },
      { reason: "PAUSED", count: 3 },
    ]);
  });
});
