import { describe, expect, it } from "vitest";
import { admissionArgs } from "./admission-args";
import { parseDrawReply } from "./draw";
import { parseEnterLobbyReply } from "./enter-lobby";
import { parseEntrantRecord } from "./entrants";
import { parsePendingMember, pendingMember, saleKeys } from "./keys";
import { newReservationId, parseReserveReply } from "./reserve-unit";

describe("reserve script replies", () => {
  it("maps each status to a typed outcome", () => {
    expect(parseReserveReply(["RESERVED", ["rsv_1", "1700000000000", "H", "1700000600000", "r", 4], []])).toEqual({
      ok: true,
      status: "RESERVED",
      reservationId: "rsv_1",
      reservedAt: new Date(1_700_000_000_000),
      hold: { state: "H", expiresAt: 1_700_000_600_000, kind: "RESERVATION" },
      stockLeft: 4,
    });
    expect(parseReserveReply(["ALREADY_RESERVED", ["rsv_1", "1700000000000", "P", "0", "o"], []])).toMatchObject({
      ok: true,
      status: "ALREADY_RESERVED",
      hold: { state: "P", expiresAt: null, kind: "OFFER" },
    });
    expect(parseReserveReply(["NOT_STARTED", ["1800000000000"], []])).toEqual({
      ok: false,
      reason: "NOT_STARTED",
      startsAt: new Date(1_800_000_000_000),
    });
    expect(parseReserveReply(["SOLD_OUT", [1], []])).toEqual({ ok: false, reason: "SOLD_OUT", waitlistOpen: true });
    expect(parseReserveReply(["WAITLISTED", [3, 40], []])).toEqual({
      ok: false,
      reason: "WAITLISTED",
      position: 3,
      waiting: 40,
    });
    // Units the step handed to the waitlist come back for the caller to follow up.
    expect(parseReserveReply(["SOLD_OUT", [1], ["u1", "rsv_2", "1700000300000"]])).toEqual({
      ok: false,
      reason: "SOLD_OUT",
      waitlistOpen: true,
      offers: [{ userId: "u1", reservationId: "rsv_2", expiresAt: 1_700_000_300_000 }],
    });
    expect(() => parseReserveReply(["WHAT", [], []])).toThrow(/unknown status/);
  });

  it("maps a fair draw's and admission's answers, and carries a draw the step ran", () => {
    expect(parseReserveReply(["LOBBY_OPEN", ["1800000000000"], [], []])).toEqual({
      ok: false,
      reason: "LOBBY_OPEN",
      drawAt: new Date(1_800_000_000_000),
    });
    for (const reason of [
      "CHALLENGE_REQUIRED",
      "CHALLENGE_REPLAYED",
      "ACCOUNT_TOO_NEW",
      "ACCOUNT_AGE_UNKNOWN",
      "BLOCK_LIMIT",
      "DEVICE_LIMIT",
    ]) {
      expect(parseReserveReply([reason, [], [], []])).toEqual({ ok: false, reason });
    }
    // The draw's winners are not offers: the draw's own follow-up handles them.
    expect(
      parseReserveReply([
        "WAITLISTED",
        [7, 9],
        [],
        [300, 2, "1700000000000", 1234, "u1", "rsv_a", "1700000600000", "u2", "rsv_b", "0"],
      ]),
    ).toEqual({
      ok: false,
      reason: "WAITLISTED",
      position: 7,
      waiting: 9,
      draw: {
        entrants: 300,
        drawnAt: 1_700_000_000_000,
        tookUs: 1234,
        winners: [
          { userId: "u1", reservationId: "rsv_a", expiresAt: 1_700_000_600_000 },
          { userId: "u2", reservationId: "rsv_b", expiresAt: null },
        ],
      },
    });
  });

  it("reservation ids are unique and match the order message format", () => {
    const ids = new Set(Array.from({ length: 1000 }, newReservationId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^rsv_[0-9a-f]{32}$/);
  });
});

describe("sale keys", () => {
  it("share one hash tag per sale and are namespaced", () => {
    const keys = saleKeys("preview-x", "sale1");
    for (const key of Object.values(keys)) {
      expect(key.startsWith("preview-x:")).toBe(true);
      expect(key).toContain("{sale1}");
    }
    expect(saleKeys("prod", "sale1").sale).not.toBe(keys.sale);
  });

  it("pending members round-trip", () => {
    expect(parsePendingMember(pendingMember("user_1", "rsv_2"))).toEqual({ userId: "user_1", reservationId: "rsv_2" });
    expect(parsePendingMember("garbage")).toBeNull();
  });
});

describe("lobby and draw script replies", () => {
  it("an entry answers the lobby as the shopper finds it", () => {
    expect(
      parseEnterLobbyReply(["ENTERED", ["1700000000000", 312, 100, "1699999000000", "1700000600000", "c0ffee"], []]),
    ).toEqual({
      ok: true,
      status: "ENTERED",
      lobby: {
        enteredAt: 1_700_000_000_000,
        entrants: 312,
        units: 100,
        opensAt: 1_699_999_000_000,
        drawAt: 1_700_000_600_000,
        commitment: "c0ffee",
      },
    });
    expect(parseEnterLobbyReply(["LOBBY_NOT_OPEN", ["1700000000000"], []])).toEqual({
      ok: false,
      reason: "LOBBY_NOT_OPEN",
      opensAt: new Date(1_700_000_000_000),
    });
    expect(parseEnterLobbyReply(["DEVICE_LIMIT", [], []])).toEqual({ ok: false, reason: "DEVICE_LIMIT" });
    expect(() => parseEnterLobbyReply(["WHAT", [], []])).toThrow(/unknown status/);
  });

  it("the draw script says whether it ran, had run, or is not due", () => {
    expect(parseDrawReply(["DRAWN", [], [2, 1, "1700000000000", 50, "u1", "rsv_a", "1700000600000"]])).toEqual({
      status: "DRAWN",
      drawn: {
        entrants: 2,
        drawnAt: 1_700_000_000_000,
        tookUs: 50,
        winners: [{ userId: "u1", reservationId: "rsv_a", expiresAt: 1_700_000_600_000 }],
      },
    });
    expect(parseDrawReply(["ALREADY_DRAWN", [2, 1, "1700000000000"], []])).toEqual({
      status: "ALREADY_DRAWN",
      entrants: 2,
      winners: 1,
      drawnAt: 1_700_000_000_000,
    });
    expect(parseDrawReply(["NOT_DUE", ["1800000000000", "PAUSED"], []])).toEqual({
      status: "NOT_DUE",
      startsAt: 1_800_000_000_000,
      state: "PAUSED",
    });
    expect(() => parseDrawReply(["DRAWN", [], []])).toThrow(/without the draw's facts/);
  });

  it("admission travels as seven strings; a separator in a value cannot shift the entrant record", () => {
    expect(admissionArgs(undefined)).toEqual(["", "0", "", "", "", "0", "0"]);
    expect(
      admissionArgs({
        challengeId: "abc",
        challengeExpiresAt: 1_700_000_000_000,
        addressBlock: "203.0.113.0/24",
        deviceId: "dev|ice",
        accountCreatedAt: null,
        perBlock: 5,
        perDevice: 2,
      }),
    ).toEqual(["abc", "1700000000000", "203.0.113.0/24", "dev_ice", "", "5", "2"]);
  });

  it("entrant records parse, with unknown origins as null", () => {
    expect(parseEntrantRecord("u1", "L|1700000000000|203.0.113.0/24|dev", 4)).toEqual({
      userId: "u1",
      via: "LOBBY",
      enteredAt: 1_700_000_000_000,
      addressBlock: "203.0.113.0/24",
      deviceId: "dev",
      drawPosition: 4,
    });
    expect(parseEntrantRecord("u2", "B|1700000000000||", null)).toMatchObject({
      via: "BUY",
      addressBlock: null,
      deviceId: null,
    });
    expect(parseEntrantRecord("u3", "garbage", null)).toBeNull();
  });
});
