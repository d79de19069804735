// What a provider's payment event does to a hold: pay-hold.lua decides, the sale's journal is
// persisted, and the money is kept only once Postgres has the order PAID — otherwise it goes back
// through the provider (hold gone, paid twice, wrong amount, unknown hold) or the event is retried.
// Idempotent on the event id, on the payment (one row per charge) and at the provider (refunds).
import type { PayHoldStatus } from "~/server/inventory/holds";
import { payHold } from "~/server/inventory/holds";
import { saleKeys } from "~/server/inventory/keys";
import type { PaymentEvent } from "~/server/payments/provider";
import type { CheckoutDeps } from "./checkout-service";
import { persistSaleJournal } from "./hold-sweep";
import type { PaymentEventOutcome } from "./types";

/** Refund reasons by what the pay script answered. */
const REFUND_WHY: Partial<Record<PayHoldStatus, "HOLD_GONE" | "PAID_TWICE" | "UNKNOWN_HOLD">> = {
  HOLD_GONE: "HOLD_GONE",
  PAID_TWICE: "PAID_TWICE",
  NOT_HELD: "UNKNOWN_HOLD",
};

/** The order a reservation became, with what the checkout needs of it. */
export function orderOfReservation(db: CheckoutDeps["db"], reservationId: string) {
  return db.order.findUnique({
    where: { reservationId },
    select: { id: true, saleId: true, userId: true, status: true, priceMinor: true, currency: true },
  });
}

export function createPaymentEventHandler(deps: CheckoutDeps) {
  const { db, redis, namespace, payments, logger } = deps;

  const orderOf = (reservationId: string) => orderOfReservation(db, reservationId);

  /**
   * Gives a payment back (once, the provider's refund is idempotent per payment) and records it;
   * the order turns REFUNDED if its hold had ended — the payment and the order in one transaction,
   * under the sale's row lock like every writer of its orders (see persist-order).
   */
  async function refund(
    event: Extract<PaymentEvent, { type: "payment.succeeded" }>,
    why: "HOLD_GONE" | "PAID_TWICE" | "AMOUNT_MISMATCH" | "UNKNOWN_HOLD",
    order: { saleId: string } | null,
  ): Promise<PaymentEventOutcome> {
    const paymentId = `${payments.name}:${event.paymentRef}`;
    const { refundRef } = await payments.refund({
      paymentRef: event.paymentRef,
      amountMinor: event.amountMinor,
      currency: event.currency,
    });
    logger.warn("payment.refunded", { reservationId: event.reservationId, why });
    if (!order) return { result: "REFUNDED", reservationId: event.reservationId, why };
    await db.$transaction([
      db.$queryRaw`SELECT "id" FROM "Sale" WHERE "id" = ${order.saleId} FOR UPDATE`,
      db.payment.upsert({
        where: { id: paymentId },
        create: {
          id: paymentId,
          reservationId: event.reservationId,
          provider: payments.name,
          amountMinor: event.amountMinor,
          currency: event.currency.toUpperCase(),
          status: "REFUNDED",
          refundRef,
        },
        update: { status: "REFUNDED", refundRef },
      }),
      db.order.updateMany({
        where: {
          reservationId: event.reservationId,
          status: { in: why === "HOLD_GONE" ? ["EXPIRED", "CANCELLED"] : [] },
        },
        data: { status: "REFUNDED" },
      }),
    ]);
    return { result: "REFUNDED", reservationId: event.reservationId, why };
  }

  async function paymentSucceeded(
    event: Extract<PaymentEvent, { type: "payment.succeeded" }>,
  ): Promise<PaymentEventOutcome> {
    const order = await orderOf(event.reservationId);
    if (!order) return refund(event, "UNKNOWN_HOLD", null);
    if (order.priceMinor !== event.amountMinor || order.currency !== event.currency.toUpperCase()) {
      return refund(event, "AMOUNT_MISMATCH", order);
    }
    // A payment already given back stays given back, whatever a replay of it would meet now.
    const known = await db.payment.findUnique({
      where: { id: `${payments.name}:${event.paymentRef}` },
      select: { status: true },
    });
    if (known?.status === "REFUNDED")
      return { result: "REFUNDED", reservationId: event.reservationId, why: "HOLD_GONE" };
    const paid = await payHold(redis, {
      namespace,
      saleId: order.saleId,
      userId: order.userId,
      reservationId: event.reservationId,
      paymentRef: event.paymentRef,
    });
    // Postgres learns the outcome (and anything the script released) before the provider hears 2xx.
    await persistSaleJournal(deps, order.saleId);
    await deps.followUp(order.saleId, { offers: paid.offers, ordersPersisted: true });
    if (paid.status === "UNKNOWN_SALE") {
      // Redis lost the sale and it is re-arming from Postgres: let the provider retry the event.
      throw new Error(`sale ${order.saleId} has no state in Redis yet; the payment event will be retried`);
    }
    const why = REFUND_WHY[paid.status];
    if (why) return refund(event, why, order);
    // Redis says paid; money is kept only once Postgres says so too.
    const persisted = await db.order.findUnique({
      where: { reservationId: event.reservationId },
      select: { status: true },
    });
    if (persisted?.status === "REFUSED_OVERSOLD") return refund(event, "HOLD_GONE", null);
    if (persisted?.status !== "PAID") {
      throw new Error(`order ${event.reservationId} is not PAID in Postgres yet; the payment event will be retried`);
    }
    const paymentId = `${payments.name}:${event.paymentRef}`;
    await db.payment.upsert({
      where: { id: paymentId },
      create: {
        id: paymentId,
        reservationId: event.reservationId,
        provider: payments.name,
        amountMinor: event.amountMinor,
        currency: event.currency.toUpperCase(),
        status: "SUCCEEDED",
      },
      update: {},
    });
    await redis.hdel(saleKeys(namespace, order.saleId).declines, order.userId);
    if (paid.status === "PAID_LATE") logger.info("payment.honoured_late", { reservationId: event.reservationId });
    return { result: "PAID", reservationId: event.reservationId };
  }

  return async function handlePaymentEvent(event: PaymentEvent): Promise<PaymentEventOutcome> {
    const eventId = `${payments.name}:${event.id}`;
    if (await db.paymentEvent.findUnique({ where: { id: eventId }, select: { id: true } })) {
      return { result: "DUPLICATE" };
    }
    let outcome: PaymentEventOutcome;
    switch (event.type) {
      case "payment.succeeded":
        outcome = await paymentSucceeded(event);
        break;
      case "payment.failed": {
        const order = await orderOf(event.reservationId);
        if (order?.status === "HELD") {
          await redis.hset(saleKeys(namespace, order.saleId).declines, {
            [order.userId]: event.reason.slice(0, 200),
          });
        }
        outcome = { result: "NOTED" };
        break;
      }
      case "checkout.expired":
        await db.checkoutSession.updateMany({
          where: { id: `${payments.name}:${event.sessionId}`, closedAt: null },
          data: { closedAt: new Date() },
        });
        outcome = { result: "NOTED" };
        break;
      case "ignored":
        outcome = { result: "IGNORED" };
        break;
    }
    // Recorded last: an event whose handling failed is handled again when the provider retries.
    await db.paymentEvent.createMany({ data: [{ id: eventId, type: event.type }], skipDuplicates: true });
    return outcome;
  };
}
