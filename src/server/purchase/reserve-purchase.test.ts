// The purchase service's decisions that need no real service: a reserve step that cannot be
// reached answers 503-ready UNAVAILABLE (never a 500), and the shopper whose answer was lost is
// sent to the reserve step on the retry — not answered "sold out" from memory while holding a unit;
// and what the purchase service does with the admission gate around the reserve step.
import { describe, expect, it } from "vitest";
import type { Admission, AdmissionGate, AdmissionRequest, AdmissionResult } from "~/server/admission/types";
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

describe("reserve with an admission gate", () => {
  const origin = { addressBlock: "203.0.113.0/24", deviceId: "device-a" };
  const admitted = {
    ...origin,
    challengeId: "c".repeat(32),
    challengeExpiresAt: 1_000,
    accountCreatedAt: 5,
    perBlock: 5,
    perDevice: 2,
  };

  function serviceWithGate(options: { prepared: AdmissionResult; step?: ReserveOutcome; rateLimited?: boolean }) {
    const requests: AdmissionRequest[] = [];
    const denials: string[] = [];
    const steps: Array<Admission | undefined> = [];
    const soldOut = new SoldOutCache();
    const gate: AdmissionGate = {
      challengeKind: "altcha",
      challengeFor: () => Promise.resolve({ kind: "none" }),
      prepare: (request) => {
        requests.push(request);
        return Promise.resolve(options.prepared);
      },
      countDenial: (saleId, stage, reason) => {
        denials.push(`${saleId} ${stage}:${reason}`);
        return Promise.resolve();
      },
    };
    const purchase = createPurchaseService({
      soldOut,
      rateLimit: () =>
        Promise.resolve(
          options.rateLimited
            ? { allowed: false, scope: "user", retryAfterSeconds: 3, degraded: false }
            : { allowed: true, degraded: false },
        ),
      reserveStep: ({ admission }) => {
        steps.push(admission);
        return Promise.resolve(options.step ?? held);
      },
      admission: gate,
      logger: silentLogger,
    });
    return { purchase, requests, denials, steps, soldOut };
  }

  const input = {
    saleId: "s1",
    userId: "alice",
    clientIp: "203.0.113.9",
    challenge: "payload",
    origin,
    accountCreatedAt: 5,
  };

  it("prepares the buy stage from the request and hands the admission to the reserve step", async () => {
    const { purchase, requests, steps } = serviceWithGate({ prepared: { ok: true, admission: admitted } });
    await expect(purchase.reserve(input)).resolves.toEqual(held);
    expect(requests).toEqual([
      {
        saleId: "s1",
        userId: "alice",
        stage: "buy",
        solution: "payload",
        origin,
        clientIp: "203.0.113.9",
        accountCreatedAt: 5,
      },
    ]);
    expect(steps).toEqual([admitted]);
  });

  it("stops a refused admission before the reserve step and counts it", async () => {
    const { purchase, steps, denials } = serviceWithGate({ prepared: { ok: false, reason: "CHALLENGE_INVALID" } });
    await expect(purchase.joinWaitlist(input)).resolves.toEqual({ ok: false, reason: "CHALLENGE_INVALID" });
    expect(steps).toEqual([]);
    expect(denials).toEqual(["s1 buy:CHALLENGE_INVALID"]);
  });

  it("counts a rate-limited attempt without preparing it", async () => {
    const { purchase, requests, denials } = serviceWithGate({
      prepared: { ok: true, admission: admitted },
      rateLimited: true,
    });
    await expect(purchase.reserve(input)).resolves.toMatchObject({ reason: "RATE_LIMITED", retryAfterSeconds: 3 });
    expect(requests).toEqual([]);
    expect(denials).toEqual(["s1 buy:RATE_LIMITED"]);
  });

  it("asks with an unknown origin when the request has none", async () => {
    const { purchase, requests } = serviceWithGate({ prepared: { ok: true, admission: admitted } });
    await purchase.reserve({ saleId: "s1", userId: "alice", clientIp: null });
    expect(requests[0]).toMatchObject({ origin: { addressBlock: null, deviceId: null }, solution: undefined });
  });

  it("does not take an admission refusal from the step as news about stock: a sold-out memory stays", async () => {
    const { purchase, soldOut } = serviceWithGate({
      prepared: { ok: true, admission: admitted },
      step: { ok: false, reason: "CHALLENGE_REPLAYED" },
    });
    soldOut.markSoldOut("s1");
    // Past the memory (a waitlist join always reaches Redis): the refusal must not clear it.
    await expect(purchase.joinWaitlist(input)).resolves.toEqual({ ok: false, reason: "CHALLENGE_REPLAYED" });
    expect(soldOut.isSoldOut("s1")).toBe(true);
  });
});
