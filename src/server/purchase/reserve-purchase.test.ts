// The purchase service's decisions that need no real service: a reserve step that cannot be
// reached answers 503-ready UNAVAILABLE (never a 500), and the shopper whose answer was lost is
// sent to the reserve step on the retry — not answered "sold out" from memory while holding a unit.
import { describe, expect, it } from "vitest";
import type { ReserveOutcome } from "~/server/inventory/reserve-unit";
import { SoldOutCache } from "~/server/inventory/sold-out-cache";
import { silentLogger } from "~/server/logger";
import { createPurchaseService } from "./reserve-purchase";

const held: ReserveOutcome = {
  ok: true,
  status: "ALREADY_RESERVED",
  reservationId: `rsv_${"1".repeat(32)}`,
  reservedAt: new Date(0),
  hold: { state: "H", expiresAt: 600_000, kind: "RESERVATION" },
};

function serviceWith(step: (userId: string) => Promise<ReserveOutcome>) {
  const calls: string[] = [];
  const published: string[] = [];
  const purchase = createPurchaseService({
    publish: (reservation) => {
      published.push(reservation.userId);
      return Promise.resolve();
    },
    soldOut: new SoldOutCache(),
    rateLimit: () => Promise.resolve({ allowed: true, degraded: false }),
    reserveStep: ({ userId }) => {
      calls.push(userId);
      return step(userId);
    },
    logger: silentLogger,
  });
  return { purchase, calls, published };
}

describe("reserve when the reserve step fails", () => {
  it("answers UNAVAILABLE with a wait, and the shopper's retry reaches the step past the sold-out memory", async () => {
    let lost = true;
    const { purchase, calls, published } = serviceWith(async (userId) => {
      if (userId === "alice" && lost) {
        lost = false;
        throw new Error("fetch failed: connection reset");
      }
      return userId === "alice" ? held : { ok: false, reason: "SOLD_OUT" };
    });
    await expect(purchase.reserve({ saleId: "s1", userId: "alice", clientIp: null })).resolves.toEqual({
      ok: false,
      reason: "UNAVAILABLE",
      retryAfterSeconds: 2,
    });
    // Someone else learns the sale is sold out: from now on the memory answers for everyone…
    await expect(purchase.reserve({ saleId: "s1", userId: "bob", clientIp: null })).resolves.toMatchObject({
      reason: "SOLD_OUT",
    });
    await expect(purchase.reserve({ saleId: "s1", userId: "carol", clientIp: null })).resolves.toMatchObject({
      reason: "SOLD_OUT",
    });
    expect(calls).toEqual(["alice", "bob"]);
    // …but not for Alice, whose first answer was lost: she is told about the unit she holds.
    await expect(purchase.reserve({ saleId: "s1", userId: "alice", clientIp: null })).resolves.toEqual(held);
    expect(calls).toEqual(["alice", "bob", "alice"]);
    // Her first attempt may have taken the unit and died before publishing: the order is queued now.
    expect(published).toEqual(["alice"]);
    // A plain repeat is not published again.
    await purchase.reserve({ saleId: "s1", userId: "alice", clientIp: null });
    expect(published).toEqual(["alice"]);
  });
});
