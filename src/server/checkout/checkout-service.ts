// The checkout: where a shopper stands, paying for a hold, letting it go, and what a provider's
// payment event does. Redis decides (pay-hold.lua, cancel-hold.lua: one atomic step each, so a
// hold is paid or released exactly once); Postgres mirrors it through the same persist step as
// the order callback; money that cannot become an order goes back through the provider.
import type { ShopperSaleStatus, ShopperState } from "~/lib/checkout";
import { orderNumberOf } from "~/lib/checkout";
import type { BuyerRecord } from "~/server/inventory/buyer-record";
import { cancelHold, payHold, readShopper, type PayHoldStatus } from "~/server/inventory/holds";
import { saleKeys } from "~/server/inventory/keys";
import type { DeliveryDeps } from "~/server/orders/deliveries";
import type { PaymentEvent, PaymentProvider } from "~/server/payments/provider";
import type { HoldFollowUp } from "./follow-up";
import { closeEndedCheckouts, persistSaleJournal, sweepSaleHolds, type HoldSweepDeps } from "./hold-sweep";
import type { CancelOutcome, CheckoutService, PaymentEventOutcome, StartPaymentOutcome } from "./types";

export interface CheckoutDeps extends DeliveryDeps {
  payments: PaymentProvider;
  followUp: HoldFollowUp;
  /** The deployment's public origin: where the provider sends the payer back. */
  publicUrl: () => string | undefined;
}

const STATE_OF_LETTER = { H: "HELD", X: "EXPIRED", C: "CANCELLED" } as const;

function shopperStateOf(record: BuyerRecord): ShopperState {
  if (record.state === "P") return record.paymentRef ? "PAID" : "CONFIRMED";
  return STATE_OF_LETTER[record.state];
}

/** Refund reasons by what the pay script answered. */
const REFUND_WHY: Partial<Record<PayHoldStatus, "HOLD_GONE" | "PAID_TWICE" | "UNKNOWN_HOLD">> = {
  HOLD_GONE: "HOLD_GONE",
  PAID_TWICE: "PAID_TWICE",
  NOT_HELD: "UNKNOWN_HOLD",
};

export function createCheckoutService(deps: CheckoutDeps): CheckoutService & {
  /** Releases a sale's overdue holds and persists what changed (the expiry route, the reconciler). */
  sweepHolds(saleId: string): ReturnType<typeof sweepSaleHolds>;
  /** sweepHolds for every sale that is running or wound down but not archived. */
  sweepAllHolds(): Promise<number>;
} {
  const { db, redis, namespace, payments, logger } = deps;
  const sweepDeps: HoldSweepDeps = deps;

  async function orderOf(reservationId: string) {
    return db.order.findUnique({
      where: { reservationId },
      select: {
        id: true,
        saleId: true,
        userId: true,
        status: true,
        priceMinor: true,
        currency: true,
        sale: { select: { slug: true } },
      },
    });
  }

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
    await persistSaleJournal(sweepDeps, order.saleId);
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

  return {
    async status({ saleId, userId }): Promise<ShopperSaleStatus> {
      let shopper = await readShopper(redis, { namespace, saleId, userId });
      if (!shopper.record && shopper.position !== null && !shopper.soldOut) {
        // Units are free while people wait: an admin added some. The sweep hands them to the queue
        // (and follows the offers up), so waiting shoppers' polls keep the queue moving.
        await sweepSaleHolds(sweepDeps, saleId);
        shopper = await readShopper(redis, { namespace, saleId, userId });
      }
      const serverNow = Date.now();
      const { record } = shopper;
      if (!record) {
        const queued = shopper.position !== null;
        return {
          saleId,
          state: queued ? "WAITLISTED" : "NONE",
          serverNow,
          hold: null,
          waitlist: queued ? { position: shopper.position!, waiting: shopper.waiting } : null,
          canJoinWaitlist: !queued && shopper.waitlistOpen && shopper.soldOut,
        };
      }
      // One query for what Postgres adds (refund, refusal, amount, whether a payment page was
      // opened); the sale's price only while the order has not reached Postgres yet.
      const [order, declined] = await Promise.all([
        db.order.findUnique({
          where: { reservationId: record.reservationId },
          select: { status: true, priceMinor: true, currency: true, _count: { select: { checkouts: true } } },
        }),
        record.state === "H" ? redis.hget<string>(saleKeys(namespace, saleId).declines, userId) : null,
      ]);
      const sale = order
        ? null
        : await db.sale.findUnique({ where: { id: saleId }, select: { priceMinor: true, currency: true } });
      let state = shopperStateOf(record);
      if (order?.status === "REFUNDED") state = "REFUNDED";
      if (order?.status === "REFUSED_OVERSOLD") state = "REFUSED";
      return {
        saleId,
        state,
        serverNow,
        hold: {
          reservationId: record.reservationId,
          orderNumber: orderNumberOf(record.reservationId),
          kind: record.kind,
          reservedAt: record.reservedAt,
          expiresAt: record.expiresAt,
          amountMinor: order?.priceMinor ?? sale?.priceMinor ?? 0,
          currency: order?.currency ?? sale?.currency ?? "USD",
          paymentStarted: (order?._count.checkouts ?? 0) > 0,
          // The client deserialises replies that look like JSON; a reason is always shown as text.
          declined: declined == null ? null : typeof declined === "string" ? declined : "Your card was declined.",
        },
        waitlist: null,
        canJoinWaitlist: false,
      };
    },

    async startPayment({ saleId, userId, email }): Promise<StartPaymentOutcome> {
      const { record } = await readShopper(redis, { namespace, saleId, userId });
      if (!record) return { ok: false, reason: "NO_HOLD" };
      if (record.state === "P") return { ok: false, reason: record.paymentRef ? "ALREADY_PAID" : "FREE" };
      if (record.state !== "H" || (record.expiresAt !== null && record.expiresAt <= Date.now())) {
        return { ok: false, reason: "NO_HOLD" };
      }
      // The checkout session row points at the order: make sure Postgres has the hold first.
      await persistSaleJournal(sweepDeps, saleId);
      const order = await orderOf(record.reservationId);
      const sale = await db.sale.findUnique({ where: { id: saleId }, select: { slug: true, title: true } });
      // Postgres must agree it is a hold: a refused order (after a Redis loss) is never offered a payment page.
      if (!order || order.status !== "HELD") return { ok: false, reason: "NO_HOLD" };
      if (!sale) return { ok: false, reason: "UNKNOWN_SALE" };
      // One payment page per hold: asking again (a second tab, a reload) reopens the same one.
      const open = await db.checkoutSession.findFirst({
        where: { reservationId: record.reservationId, closedAt: null, provider: payments.name },
        orderBy: { createdAt: "desc" },
        select: { url: true },
      });
      if (open) return { ok: true, url: open.url };
      const publicUrl = deps.publicUrl();
      if (!publicUrl) throw new Error("APP_URL is not set: the payment provider has nowhere to send the payer back.");
      const back = `${publicUrl}/sales/${encodeURIComponent(sale.slug)}`;
      const opened = await payments.openCheckout({
        reservationId: record.reservationId,
        saleId,
        userId,
        title: sale.title,
        amountMinor: order.priceMinor,
        currency: order.currency,
        expiresAt: new Date(record.expiresAt ?? Date.now()),
        successUrl: `${back}?checkout=success`,
        cancelUrl: `${back}?checkout=cancelled`,
        customerEmail: email,
      });
      await db.checkoutSession.create({
        data: {
          id: `${payments.name}:${opened.sessionId}`,
          reservationId: record.reservationId,
          provider: payments.name,
          url: opened.url,
          expiresAt: new Date(record.expiresAt ?? Date.now()),
        },
      });
      await redis.hdel(saleKeys(namespace, saleId).declines, userId);
      return { ok: true, url: opened.url };
    },

    async cancel({ saleId, userId }): Promise<CancelOutcome> {
      const cancelled = await cancelHold(redis, { namespace, saleId, userId });
      if (cancelled.status !== "CANCELLED") {
        return { ok: false, reason: cancelled.status === "NOT_HELD" ? "NO_HOLD" : cancelled.status };
      }
      await persistSaleJournal(sweepDeps, saleId);
      await deps.followUp(saleId, { offers: cancelled.offers, ordersPersisted: true });
      await closeEndedCheckouts(sweepDeps, saleId);
      return { ok: true };
    },

    async handlePaymentEvent(event): Promise<PaymentEventOutcome> {
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
    },

    sweepHolds: (saleId) => sweepSaleHolds(sweepDeps, saleId),

    async sweepAllHolds() {
      const sales = await db.sale.findMany({
        where: { state: { in: ["PUBLISHED", "PAUSED", "ENDED"] } },
        select: { id: true },
      });
      let expired = 0;
      for (const sale of sales) expired += (await sweepSaleHolds(sweepDeps, sale.id))?.expired ?? 0;
      return expired;
    },
  };
}
