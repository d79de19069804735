import { describe, expect, it } from "vitest";
import { counts, denialRows, refusalsWith } from "./redis-evidence";

describe("denialRows", () => {
  it("reads '<stage>:<REASON>' fields, largest first, and leaves anything else out", () => {
    expect(
      denialRows({
        "lobby:DEVICE_LIMIT": 98,
        "buy:CHALLENGE_REPLAYED": 3,
        "lobby:CHALLENGE_REQUIRED": 3,
        "xd:device-1": 98,
        "lobby:": 4,
        "buy:BLOCK_LIMIT": 0,
        nonsense: 7,
      }),
    ).toEqual([
      { stage: "lobby", reason: "DEVICE_LIMIT", count: 98 },
      { stage: "buy", reason: "CHALLENGE_REPLAYED", count: 3 },
      { stage: "lobby", reason: "CHALLENGE_REQUIRED", count: 3 },
    ]);
  });
});

describe("counts and refusalsWith", () => {
  it("keeps numeric counts (Redis answers numbers or strings) and splits refusals by prefix", () => {
    const read = counts({ "xb:203.0.113.0/24": "4", "xd:dev:1": 2, "b:203.0.113.0/24": 5, junk: "x" });
    expect(read).toEqual({ "xb:203.0.113.0/24": 4, "xd:dev:1": 2, "b:203.0.113.0/24": 5 });
    expect([...refusalsWith(read, "xb:")]).toEqual([["203.0.113.0/24", 4]]);
    expect([...refusalsWith(read, "xd:")]).toEqual([["dev:1", 2]]);
  });
});
