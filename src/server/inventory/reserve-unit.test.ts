import { describe, expect, it } from "vitest";
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
