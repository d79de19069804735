// Holds on the real stack: reserve → hold → pay, cancel, expiry by QStash alone, the waitlist's
// offers rolling on, and payments that arrive too late or twice. Books checked in each test: Redis
// stock + held + paid = total, and Postgres's orders agree with Redis once the journal has drained.
import { describe, expect, it } from "vitest";
import { readHoldCounters } from "~/server/inventory/holds";
import { adjustHotState } from "~/server/inventory/hot-state";
import { reserveUnit } from "~/server/inventory/reserve-unit";
import { saleKeys } from "~/server/inventory/keys";
import { isTestProvider } from "~/server/payments";
import type { PaymentEvent, PaymentProvider } from "~/server/payments/provider";
import { createArmedSale, createUsers, eventually, sessionFor } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";

const h = harnessForFile();

async function books(saleId: string) {
  const counters = await readHoldCounters(h.redis, h.namespace, saleId);
  expect(counters).not.toBeNull();
  expect(counters!.stock + counters!.held + counters!.paid).toBe(counters!.total);
  expect(counters!.stock).toBeGreaterThanOrEqual(0);
  return counters!;
}

async function orderStatus(saleId: string, userId: string) {
  const order = await h.db.order.findUnique({ where: { saleId_userId: { saleId, userId } }, select: { status: true } });
  return order?.status ?? null;
}

function succeeded(reservationId: string, paymentRef: string, amountMinor = 4_999): PaymentEvent {
  return {
    id: `evt_${paymentRef}`,
    type: "payment.succeeded",
    sessionId: `cs_${paymentRef}`,
    reservationId,
    paymentRef,
    amountMinor,
    currency: "USD",
  };
}

/** A provider that takes any refund and remembers it: the cases below need no real charge. */
function recordingProvider() {
  const refunds: string[] = [];
  const provider: PaymentProvider = {
    name: "test",
    openCheckout: (request) =>
      Promise.resolve({
        sessionId: `cs_${request.reservationId}`,
        url: `https://pay.example/${request.reservationId}`,
      }),
    closeCheckout: () => Promise.resolve(),
    refund: ({ paymentRef }) => {
      refunds.push(paymentRef);
      return Promise.resolve({ refundRef: `re_${paymentRef}` });
    },
    readWebhook: () => Promise.reject(new Error("not used")),
  };
  return { provider, refunds };
}

describe("holds", () => {
  it("a win is a hold with a deadline; paying it through the test provider makes the order PAID", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 3 });
    const [alice] = await createUsers(h.db, 1);
    const caller = h.caller(sessionFor(alice!));

    const won = await caller.purchase.reserve({ saleId: sale.id });
    expect(won.hold).toMatchObject({ state: "H", kind: "RESERVATION" });
    expect(won.hold.expiresAt! - won.reservedAt.getTime()).toBe(600_000);
    const held = await caller.order.status({ saleId: sale.id });
    expect(held).toMatchObject({ state: "HELD", hold: { amountMinor: 4_999, currency: "USD", paymentStarted: false } });
    expect(await books(sale.id)).toMatchObject({ stock: 2, held: 1, paid: 0 });

    const { url } = await caller.checkout.pay({ saleId: sale.id });
    // Asking again reopens the same payment page: one hold, one checkout.
    expect((await caller.checkout.pay({ saleId: sale.id })).url).toBe(url);
    const provider = h.services.clients.payments;
    if (!isTestProvider(provider)) throw new Error("tests run with the built-in test provider");
    const sessionId = url.split("/").pop()!;
    expect(await provider.pay(sessionId, "4242 4242 4242 4242")).toMatchObject({ status: "succeeded" });

    await eventually(async () => (await orderStatus(sale.id, alice!.id)) === "PAID", "the order is PAID");
    expect(await caller.order.status({ saleId: sale.id })).toMatchObject({ state: "PAID" });
    expect(await books(sale.id)).toMatchObject({ stock: 2, held: 0, paid: 1 });
    // The payment row is written once Postgres has the order PAID (money is kept only then).
    await eventually(
      async () =>
        (await h.db.payment.count({ where: { reservationId: won.reservationId, status: "SUCCEEDED" } })) === 1,
      "the payment is recorded",
    );
  });

  it("a free sale confirms at once, with no payment step", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 2, priceMinor: 0 });
    const [bob] = await createUsers(h.db, 1);
    const caller = h.caller(sessionFor(bob!));
    const won = await caller.purchase.reserve({ saleId: sale.id });
    expect(won.hold).toMatchObject({ state: "P", expiresAt: null });
    await eventually(async () => (await orderStatus(sale.id, bob!.id)) === "CONFIRMED", "the claim is CONFIRMED");
    await expect(caller.checkout.pay({ saleId: sale.id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(await books(sale.id)).toMatchObject({ stock: 1, held: 0, paid: 1 });
  });

  it("an unpaid hold expires by itself (QStash calls the holds route at its deadline) and its unit returns", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 1, holdSeconds: 1 });
    const [carol, dave] = await createUsers(h.db, 2);
    await h.caller(sessionFor(carol!)).purchase.reserve({ saleId: sale.id });
    await expect(h.caller(sessionFor(dave!)).purchase.reserve({ saleId: sale.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });

    await eventually(async () => (await orderStatus(sale.id, carol!.id)) === "EXPIRED", "the hold expired", 10_000);
    expect(await books(sale.id)).toMatchObject({ stock: 1, held: 0, paid: 0, expired: 1 });
    expect(await h.db.sale.findUniqueOrThrow({ where: { id: sale.id }, select: { soldCount: true } })).toEqual({
      soldCount: 0,
    });
    // Her turn is over; the unit is Dave's to take.
    expect(await h.caller(sessionFor(carol!)).order.status({ saleId: sale.id })).toMatchObject({ state: "EXPIRED" });
    expect(await h.caller(sessionFor(dave!)).purchase.reserve({ saleId: sale.id })).toMatchObject({
      status: "RESERVED",
    });
  });

  it("released units go to the waitlist in order, as offers that roll on when not taken", async () => {
    const sale = await createArmedSale(h.deps, {
      totalStock: 1,
      holdSeconds: 600,
      offerSeconds: 1,
      waitlistEnabled: true,
    });
    const [erin, frank, grace] = await createUsers(h.db, 3);
    await h.caller(sessionFor(erin!)).purchase.reserve({ saleId: sale.id });
    await expect(h.caller(sessionFor(frank!)).purchase.reserve({ saleId: sale.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await h.caller(sessionFor(frank!)).order.status({ saleId: sale.id })).toMatchObject({
      state: "NONE",
      canJoinWaitlist: true,
    });
    expect(await h.caller(sessionFor(frank!)).purchase.joinWaitlist({ saleId: sale.id })).toEqual({
      held: false,
      position: 1,
      waiting: 1,
    });
    expect(await h.caller(sessionFor(grace!)).purchase.joinWaitlist({ saleId: sale.id })).toMatchObject({
      position: 2,
    });
    expect(await h.caller(sessionFor(grace!)).order.status({ saleId: sale.id })).toMatchObject({
      state: "WAITLISTED",
      waitlist: { position: 2, waiting: 2 },
    });

    // Erin lets her hold go: Frank is offered the unit in the same step.
    await h.caller(sessionFor(erin!)).checkout.cancel({ saleId: sale.id });
    expect(await h.caller(sessionFor(frank!)).order.status({ saleId: sale.id })).toMatchObject({
      state: "HELD",
      hold: { kind: "OFFER" },
    });
    expect(await h.caller(sessionFor(grace!)).order.status({ saleId: sale.id })).toMatchObject({
      waitlist: { position: 1, waiting: 1 },
    });
    expect(await books(sale.id)).toMatchObject({ stock: 0, held: 1, cancelled: 1 });

    // Frank does not take it within the offer window: it rolls on to Grace, with nobody's help.
    await eventually(
      async () => (await h.caller(sessionFor(grace!)).order.status({ saleId: sale.id })).state === "HELD",
      "the offer rolled on to Grace",
      10_000,
    );
    expect(await h.caller(sessionFor(frank!)).order.status({ saleId: sale.id })).toMatchObject({ state: "EXPIRED" });
    await eventually(
      async () => (await orderStatus(sale.id, frank!.id)) === "EXPIRED",
      "Postgres saw Frank's offer lapse",
    );
    expect(await orderStatus(sale.id, erin!.id)).toBe("CANCELLED");
    expect(await books(sale.id)).toMatchObject({ stock: 0, held: 1, paid: 0 });
  });

  it("a payment racing the expiry is honoured while the unit is still free, refunded once it went to someone else", async () => {
    const { provider, refunds } = recordingProvider();
    const services = h.servicesWith({ payments: provider });
    const caller = (user: { id: string; email: string; role: "SHOPPER" | "ADMIN" }) =>
      h.caller(sessionFor(user), null, services);
    const sale = await createArmedSale(h.deps, { totalStock: 1, holdSeconds: 600, waitlistEnabled: true });
    const [heidi, ivan, judy] = await createUsers(h.db, 3);
    const heidiHold = await caller(heidi!).purchase.reserve({ saleId: sale.id });
    await caller(ivan!).purchase.joinWaitlist({ saleId: sale.id });
    await caller(heidi!).checkout.cancel({ saleId: sale.id });

    // Heidi's payment arrives after her hold ended and its unit went to Ivan: refunded, not sold twice.
    const late = await services.checkout.handlePaymentEvent(succeeded(heidiHold.reservationId, "pay_heidi"));
    expect(late).toMatchObject({ result: "REFUNDED", why: "HOLD_GONE" });
    expect(await orderStatus(sale.id, heidi!.id)).toBe("REFUNDED");
    expect(await h.db.payment.findUnique({ where: { id: "test:pay_heidi" } })).toMatchObject({ status: "REFUNDED" });
    // The same event again changes nothing.
    expect(await services.checkout.handlePaymentEvent(succeeded(heidiHold.reservationId, "pay_heidi"))).toEqual({
      result: "DUPLICATE",
    });

    // Ivan lets his offer go and nobody waits, so the unit is back in stock; his payment arriving
    // after that finds the unit free and is honoured.
    const ivanStatus = await caller(ivan!).order.status({ saleId: sale.id });
    await caller(ivan!).checkout.cancel({ saleId: sale.id });
    expect(await books(sale.id)).toMatchObject({ stock: 1, held: 0 });
    const honoured = await services.checkout.handlePaymentEvent(succeeded(ivanStatus.hold!.reservationId, "pay_ivan"));
    expect(honoured).toMatchObject({ result: "PAID" });
    expect(await orderStatus(sale.id, ivan!.id)).toBe("PAID");
    expect(await books(sale.id)).toMatchObject({ stock: 0, held: 0, paid: 1 });

    // A second, different payment for a paid order goes back.
    expect(
      await services.checkout.handlePaymentEvent(succeeded(ivanStatus.hold!.reservationId, "pay_ivan_again")),
    ).toMatchObject({ result: "REFUNDED", why: "PAID_TWICE" });
    await expect(caller(judy!).purchase.reserve({ saleId: sale.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(refunds).toEqual(["pay_heidi", "pay_ivan_again"]);
    expect(await h.db.sale.findUniqueOrThrow({ where: { id: sale.id }, select: { soldCount: true } })).toEqual({
      soldCount: 1,
    });
  });

  it("a payment for the wrong amount is refunded and pays nothing", async () => {
    const { provider, refunds } = recordingProvider();
    const services = h.servicesWith({ payments: provider });
    const sale = await createArmedSale(h.deps, { totalStock: 1 });
    const [kim] = await createUsers(h.db, 1);
    const kimCaller = h.caller(sessionFor(kim!), null, services);
    const won = await kimCaller.purchase.reserve({ saleId: sale.id });
    await kimCaller.checkout.pay({ saleId: sale.id });
    expect(await services.checkout.handlePaymentEvent(succeeded(won.reservationId, "pay_kim", 1))).toMatchObject({
      result: "REFUNDED",
      why: "AMOUNT_MISMATCH",
    });
    expect(refunds).toEqual(["pay_kim"]);
    expect(await kimCaller.order.status({ saleId: sale.id })).toMatchObject({ state: "HELD" });
    const keys = saleKeys(h.namespace, sale.id);
    expect(await h.redis.zcard(keys.holds)).toBe(1);
  });
});

describe("provider events out of order", () => {
  it("a decline or a closed checkout arriving after the payment changes nothing; duplicates are answered, not redone", async () => {
    const { provider, refunds } = recordingProvider();
    const services = h.servicesWith({ payments: provider });
    const sale = await createArmedSale(h.deps, { totalStock: 2 });
    const [rita] = await createUsers(h.db, 1);
    const caller = h.caller(sessionFor(rita!), null, services);
    const won = await caller.purchase.reserve({ saleId: sale.id });
    await caller.checkout.pay({ saleId: sale.id });
    const paid = succeeded(won.reservationId, "pay_rita");
    expect(await services.checkout.handlePaymentEvent(paid)).toMatchObject({ result: "PAID" });
    const late: PaymentEvent[] = [
      {
        id: "evt_fail",
        type: "payment.failed",
        sessionId: `cs_${won.reservationId}`,
        reservationId: won.reservationId,
        reason: "declined",
      },
      {
        id: "evt_exp",
        type: "checkout.expired",
        sessionId: `cs_${won.reservationId}`,
        reservationId: won.reservationId,
      },
      paid,
      { ...paid, id: "evt_pay_rita_redelivered" },
    ];
    expect(await Promise.all(late.map((event) => services.checkout.handlePaymentEvent(event)))).toEqual([
      { result: "NOTED" },
      { result: "NOTED" },
      { result: "DUPLICATE" },
      { result: "PAID", reservationId: won.reservationId },
    ]);
    expect(await caller.order.status({ saleId: sale.id })).toMatchObject({ state: "PAID", hold: { declined: null } });
    expect(await h.db.payment.count({ where: { reservationId: won.reservationId } })).toBe(1);
    expect(refunds).toEqual([]);
    expect(await books(sale.id)).toMatchObject({ stock: 1, held: 0, paid: 1 });
  });
});

describe("units added while people wait", () => {
  it("go to the queue's head as offers, and a queued shopper asking again gets that offer, not a second unit", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 1, waitlistEnabled: true });
    const [olga, pete, quinn] = await createUsers(h.db, 3);
    await h.caller(sessionFor(olga!)).purchase.reserve({ saleId: sale.id });
    await h.caller(sessionFor(pete!)).purchase.joinWaitlist({ saleId: sale.id });
    await h.caller(sessionFor(quinn!)).purchase.joinWaitlist({ saleId: sale.id });
    // Two units added, in both stores as the admin's live edit does.
    await h.db.sale.update({ where: { id: sale.id }, data: { totalStock: 3 } });
    expect(await adjustHotState(h.redis, h.namespace, sale.id, { total: 3 })).toMatchObject({ ok: true, stockLeft: 2 });

    // Pete's page polls his status: the free units go to the queue, him first.
    expect(await h.caller(sessionFor(pete!)).order.status({ saleId: sale.id })).toMatchObject({
      state: "HELD",
      hold: { kind: "OFFER" },
    });
    expect(await h.caller(sessionFor(pete!)).purchase.joinWaitlist({ saleId: sale.id })).toMatchObject({ held: true });
    expect(await h.caller(sessionFor(quinn!)).order.status({ saleId: sale.id })).toMatchObject({
      state: "HELD",
      hold: { kind: "OFFER" },
    });
    expect(await books(sale.id)).toMatchObject({ stock: 0, held: 3, waiting: 0 });
  });
});

describe("expiry needs nobody", () => {
  it("a shopper's reserve releases an overdue hold it passes and takes the freed unit", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 1, holdSeconds: 1 });
    const [lena, mike] = await createUsers(h.db, 2);
    // Taken straight in Redis: no expiry message was ever scheduled for this hold.
    await reserveUnit(h.redis, { namespace: h.namespace, saleId: sale.id, userId: lena!.id });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await h.caller(sessionFor(mike!)).purchase.reserve({ saleId: sale.id })).toMatchObject({
      status: "RESERVED",
    });
    expect(await books(sale.id)).toMatchObject({ stock: 0, held: 1, expired: 1 });
  });

  it("the scheduled reconciler releases holds whose expiry message never came", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 2, holdSeconds: 1 });
    const [nina] = await createUsers(h.db, 1);
    await reserveUnit(h.redis, { namespace: h.namespace, saleId: sale.id, userId: nina!.id });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await h.services.checkout.sweepAllHolds()).toBeGreaterThanOrEqual(1);
    expect(await books(sale.id)).toMatchObject({ stock: 2, held: 0, expired: 1 });
    expect(await orderStatus(sale.id, nina!.id)).toBe("EXPIRED");
  });
});

describe("payment racing expiry, many times over", () => {
  it("never oversells, and every charge the provider took is a PAID order or refunded", async () => {
    const ROUNDS = 30;
    const provider = h.services.clients.payments;
    if (!isTestProvider(provider)) throw new Error("tests run with the built-in test provider");
    // Holds long enough for everyone to be in place before the first deadline, on a loaded machine.
    const sale = await createArmedSale(h.deps, { totalStock: ROUNDS, holdSeconds: 6, waitlistEnabled: true });
    const holders = await createUsers(h.db, ROUNDS);
    // Half as many shoppers queue as there are holds: some lapsed units go to them, the rest back
    // to stock — so late payments meet both a taken unit (refund) and a free one (honoured).
    const waiting = await createUsers(h.db, ROUNDS / 2);
    const opened = await Promise.all(
      holders.map(async (holder) => {
        const caller = h.caller(sessionFor(holder));
        const { hold } = await caller.purchase.reserve({ saleId: sale.id });
        const { url } = await caller.checkout.pay({ saleId: sale.id });
        return { sessionId: url.split("/").pop()!, expiresAt: hold.expiresAt! };
      }),
    );
    await Promise.all(waiting.map((user) => h.caller(sessionFor(user)).purchase.joinWaitlist({ saleId: sale.id })));
    expect(await h.redis.zcard(saleKeys(h.namespace, sale.id).waitlist)).toBe(waiting.length);
    const charged: string[] = [];
    await Promise.all(
      opened.map(async ({ sessionId, expiresAt }, index) => {
        // Paid between 0.5 s before and 0.4 s after the hold's deadline; every other payer uses the
        // card whose confirmation reaches the shop seconds later, long after the deadline.
        const at = expiresAt - 500 + (index % 10) * 100;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
        const card = index % 2 === 0 ? "4242 4242 4242 4242" : "4000 0000 0000 3220";
        const paid = await provider.pay(sessionId, card);
        if (paid.status === "succeeded" || paid.status === "processing") charged.push(paid.paymentRef);
      }),
    );
    await eventually(
      async () => (await h.db.payment.count({ where: { order: { saleId: sale.id } } })) === charged.length,
      "every charge reached the shop",
      30_000,
    );

    const payments = await h.db.payment.findMany({ where: { order: { saleId: sale.id } }, include: { order: true } });
    for (const payment of payments) {
      if (payment.status === "SUCCEEDED") expect(payment.order.status).toBe("PAID");
      else expect(payment.order.status).toMatch(/^(REFUNDED|PAID)$/);
    }
    expect(payments.map((payment) => payment.id.replace(/^test:/, "")).sort()).toEqual([...charged].sort());
    const saleRow = await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } });
    expect(saleRow.soldCount).toBeLessThanOrEqual(ROUNDS);
    await books(sale.id);
    const paid = payments.filter((payment) => payment.status === "SUCCEEDED").length;
    console.info(
      `payment racing expiry: ${charged.length} charges, ${paid} honoured, ${charged.length - paid} refunded`,
    );
    // The race really ran both ways.
    expect(paid).toBeGreaterThan(0);
    expect(charged.length - paid).toBeGreaterThan(0);
  }, 60_000);
});
