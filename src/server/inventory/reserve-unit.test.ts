import { describe, expect, it } from "vitest";
import { parsePendingMember, pendingMember, saleKeys } from "./keys";
import { newReservationId, parseReserveReply } from "./reserve-unit";

describe("reserve script replies", () => {
  it("maps each status to a typed outcome", () => {
    expect(parseReserveReply(["RESERVED", "rsv_1", "1700000000000", 4])).toEqual({
      ok: true,
      status: "RESERVED",
      reservationId: "rsv_1",
      reservedAt: new Date(1_700_000_000_000),
      stockLeft: 4,
    });
    expect(parseReserveReply(["ALREADY_RESERVED", "rsv_1", "1700000000000"])).toMatchObject({
      ok: true,
      status: "ALREADY_RESERVED",
    });
    expect(parseReserveReply(["NOT_STARTED", "1800000000000"])).toEqual({
      ok: false,
      reason: "NOT_STARTED",
      startsAt: new Date(1_800_000_000_000),
    });
    expect(parseReserveReply(["SOLD_OUT"])).toEqual({ ok: false, reason: "SOLD_OUT" });
    expect(() => parseReserveReply(["WHAT"])).toThrow(/unknown status/);
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
