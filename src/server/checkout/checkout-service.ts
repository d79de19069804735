// The checkout: where a shopper stands, opening the provider's payment page for a hold, letting it
// go, and (./payment-events) what a provider's payment event does. Redis decides (pay-hold.lua,
// cancel-hold.lua: one atomic step each, so a hold is paid or released exactly once); Postgres
// mirrors it through the same persist step as the order callback.
import type { ShopperSaleStatus, ShopperState } from "~/lib/checkout";
import { orderNumberOf } from "~/lib/checkout";
import { chanceOf, type Chance } from "~/lib/fair-draw";
import { drawViewOf, lobbyViewOf } from "~/server/fair-draw/lobby-view";
import type { BuyerRecord } from "~/server/inventory/buyer-record";
import { cancelHold, readShopper } from "~/server/inventory/holds";
import { saleKeys } from "~/server/inventory/keys";
import { drawLooksDue, drawStillPossible, queueMayMove, type SaleOpening } from "~/server/inventory/opening";
import type { DeliveryDeps } from "~/server/orders/deliveries";
import type { PaymentProvider } from "~/server/payments/provider";
import type { HoldFollowUp } from "./follow-up";
import { closeEndedCheckouts, persistSaleJournal, sweepSaleHolds, type HoldSweepDeps } from "./hold-sweep";
import { createPaymentEventHandler, orderOfReservation } from "./payment-events";
import type { CancelOutcome, CheckoutService, StartPaymentOutcome } from "./types";

export interface CheckoutDeps extends DeliveryDeps {
  payments: PaymentProvider;
  followUp: HoldFollowUp;
  /** The deployment's public origin: where the provider sends the payer back. */
  publicUrl: () => string | undefined;
  /** Runs a fair draw found due and follows it up (see ~/server/fair-draw); absent: polls never draw. */
  drawIfDue?: (saleId: string) => Promise<unknown>;
}

const STATE_OF_LETTER = { H: "HELD", X: "EXPIRED", C: "CANCELLED" } as const;

function shopperStateOf(record: BuyerRecord): ShopperState {
  if (record.state === "P") return record.paymentRef ? "PAID" : "CONFIRMED";
  return STATE_OF_LETTER[record.state];
}

/**
 * A fair draw's lobby (before the draw) or draw (after it), as this shopper sees it. A lobby whose
 * draw can no longer run (the sale ended first) is no lobby: neither is shown.
 */
function fairOpeningOf(opening: SaleOpening | null, userId: string, lobbyScore: number | null, now: number) {
  if (opening?.mode !== "FAIR_DRAW") return { lobby: null, draw: null };
  if (opening.drawnAt === null) {
    return { lobby: drawStillPossible(opening, now) ? lobbyViewOf(opening, userId, lobbyScore) : null, draw: null };
  }
  return { lobby: null, draw: drawViewOf(opening, userId, lobbyScore, now) };
}

export function createCheckoutService(deps: CheckoutDeps): CheckoutService & {
  /** Releases a sale's overdue holds and persists what changed (the expiry route, the reconciler). */
  sweepHolds(saleId: string): ReturnType<typeof sweepSaleHolds>;
  /** sweepHolds for every sale that is running or wound down but not archived. */
  sweepAllHolds(): Promise<number>;
} {
  const { db, redis, namespace, payments } = deps;
  const sweepDeps: HoldSweepDeps = deps;

  const orderOf = (reservationId: string) => orderOfReservation(db, reservationId);

  /**
   * A waitlisted shopper's chance. Only units released while the queue may still move can reach
   * them: none once the sale has ended (they go back to stock), and of the unpaid holds only those
   * that end before the sale does. Holds taken so far all end within the longest hold window, so
   * the holds index is counted only in that last stretch before the end.
   */
  async function waitlistChance(
    saleId: string,
    opening: SaleOpening | null,
    waitlistOn: boolean,
    position: number,
    now: number,
  ): Promise<Chance> {
    if (!opening || !queueMayMove(opening, waitlistOn, now)) return "UNLIKELY";
    const { counters } = opening;
    const endsInTime =
      now + opening.longestHoldMs < opening.endsAt
        ? counters.held
        : await redis.zcount(saleKeys(namespace, saleId).holds, "-inf", `(${opening.endsAt}`);
    return chanceOf({
      position,
      stock: counters.stock,
      unpaidHolds: Math.min(counters.held, endsInTime),
      released: counters.expired + counters.cancelled,
      paid: counters.paid,
    });
  }

  return {
    async status({ saleId, userId }): Promise<ShopperSaleStatus> {
      let shopper = await readShopper(redis, { namespace, saleId, userId });
      if (deps.drawIfDue && drawLooksDue(shopper.opening, Date.now())) {
        // The start has passed and nobody has drawn yet: this poll does, so every entrant learns
        // their result within a poll of the start even if the scheduled message is late.
        await deps.drawIfDue(saleId);
        shopper = await readShopper(redis, { namespace, saleId, userId });
      }
      if (!shopper.record && shopper.position !== null && !shopper.soldOut) {
        // Units are free while people wait: an admin added some. The sweep hands them to the queue
        // (and follows the offers up), so waiting shoppers' polls keep the queue moving.
        await sweepSaleHolds(sweepDeps, saleId);
        shopper = await readShopper(redis, { namespace, saleId, userId });
      }
      const serverNow = Date.now();
      const { record, opening } = shopper;
      const { lobby, draw } = fairOpeningOf(opening, userId, shopper.lobbyScore, serverNow);
      if (!record) {
        const queued = shopper.position !== null;
        return {
          saleId,
          // In the lobby only while its draw may still run: `lobby` is null once the sale ended first.
          state: queued ? "WAITLISTED" : lobby?.entered ? "IN_LOBBY" : "NONE",
          serverNow,
          hold: null,
          waitlist: queued
            ? {
                position: shopper.position!,
                waiting: shopper.waiting,
                chance: await waitlistChance(saleId, opening, shopper.waitlistOpen, shopper.position!, serverNow),
              }
            : null,
          lobby,
          draw,
          canJoinWaitlist:
            !queued &&
            shopper.waitlistOpen &&
            shopper.soldOut &&
            opening !== null &&
            queueMayMove(opening, shopper.waitlistOpen, serverNow),
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
        lobby,
        draw,
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

    handlePaymentEvent: createPaymentEventHandler(deps),

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
