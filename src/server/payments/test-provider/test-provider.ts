// The built-in test provider: a hosted checkout of our own (/checkout/test/<session>) that takes
// the well-known test cards and behaves like a real provider toward the shop. It keeps its own
// books in Redis, reports through signed webhooks delivered by QStash, and knows nothing of holds:
// a closed checkout takes no new money, but a payment already under way still reports, and the
// shop refunds it if the hold is gone — exactly what happens with Stripe.
import { createHash } from "node:crypto";
import type { Client as QStashClient } from "@upstash/qstash";
import type { Redis } from "@upstash/redis";
import { parseCheckoutRequest } from "~/server/payments/checkout-request";
import type { Deployment } from "~/server/deployment/deployment";
import type { Logger } from "~/server/logger";
import type { CheckoutRequest, OpenedCheckout, PaymentEvent } from "~/server/payments/provider";
import { readTestWireEvent, type TestWireEvent } from "./events";
import { deliverTestEvent, type TestDeliveryDeps } from "./delivery";
import { isTestSessionId, newTestId } from "./ids";
import { verifyTestWebhook, TEST_SIGNATURE_HEADER } from "./signature";
import { createTestPaymentStore, type TestSessionRecord } from "./store";
import { DECLINE_REASON, findTestCard } from "./test-cards";
import type { TestPaymentProvider } from "./types";

export { isTestProvider, type TestCheckoutView, type TestPaymentProvider, type TestPayOutcome } from "./types";

/** How long the slow card's success takes to reach the shop. */
export const SLOW_CARD_DELAY_SECONDS = 5;
/** Like Stripe's minimum: a checkout stays payable at least this long unless the shop closes it. */
const MIN_SESSION_LIFETIME_MS = 30 * 60 * 1000;
export const TEST_CHECKOUT_PATH = "/checkout/test";

export interface TestPaymentProviderDeps {
  redis: Redis;
  qstash: QStashClient;
  deployment: Deployment;
  logger: Logger;
  webhookSecret: string;
  slowCardDelaySeconds?: number;
  /** QStash retries per event (see delivery.ts for why the default is 2). */
  deliveryRetries?: number;
  now?: () => number;
}

/** The success event's id follows from the charge, so sending it again can only repeat it. */
function succeededEventId(paymentRef: string): string {
  return `tev_${createHash("sha256").update(`succeeded:${paymentRef}`).digest("hex").slice(0, 32)}`;
}
function expiredEventId(sessionId: string): string {
  return `tev_${createHash("sha256").update(`expired:${sessionId}`).digest("hex").slice(0, 32)}`;
}

export function createTestPaymentProvider(deps: TestPaymentProviderDeps): TestPaymentProvider {
  const now = deps.now ?? Date.now;
  const store = createTestPaymentStore(deps.redis, deps.deployment.namespace);
  const delivery: TestDeliveryDeps = {
    qstash: deps.qstash,
    deployment: deps.deployment,
    webhookSecret: deps.webhookSecret,
    retries: deps.deliveryRetries,
    now,
  };
  const slowDelay = deps.slowCardDelaySeconds ?? SLOW_CARD_DELAY_SECONDS;
  const seconds = () => Math.floor(now() / 1000);

  const isClosed = (session: TestSessionRecord) => session.closed || now() >= session.details.closesAt;

  function checkoutUrl(sessionId: string): string {
    if (!deps.deployment.publicUrl) {
      throw new Error("APP_URL is not set and no Vercel URL is available: the test checkout has no address.");
    }
    return `${deps.deployment.publicUrl}${TEST_CHECKOUT_PATH}/${sessionId}`;
  }

  async function announcePayment(session: TestSessionRecord, paymentRef: string, delaySeconds: number) {
    const event: TestWireEvent = {
      id: succeededEventId(paymentRef),
      type: "payment.succeeded",
      created: seconds(),
      data: {
        sessionId: session.id,
        reservationId: session.details.reservationId,
        paymentRef,
        amountMinor: session.details.amountMinor,
        currency: session.details.currency,
      },
    };
    await deliverTestEvent(delivery, event, delaySeconds);
    await store.markNotified(session.id, "notified");
  }

  /** The session already open for this hold, if it can still take this payment. */
  async function reusableSession(request: CheckoutRequest): Promise<TestSessionRecord | null> {
    const existingId = await store.sessionOfReservation(request.reservationId);
    const existing = existingId ? await store.readSession(existingId) : null;
    if (!existing || isClosed(existing)) return null;
    const same = existing.details.amountMinor === request.amountMinor && existing.details.currency === request.currency;
    return same ? existing : null;
  }

  return {
    name: "test",

    async openCheckout(input): Promise<OpenedCheckout> {
      const request = parseCheckoutRequest(input);
      // Asking twice for one hold gives the same checkout, so a hold never has two payable pages.
      const reused = await reusableSession(request);
      if (reused) return { sessionId: reused.id, url: checkoutUrl(reused.id) };

      const sessionId = newTestId("session");
      const url = checkoutUrl(sessionId);
      const createdAt = now();
      await store.writeSession(sessionId, {
        amountMinor: request.amountMinor,
        currency: request.currency,
        title: request.title,
        reservationId: request.reservationId,
        saleId: request.saleId,
        userId: request.userId,
        successUrl: request.successUrl,
        cancelUrl: request.cancelUrl,
        holdExpiresAt: request.expiresAt.getTime(),
        closesAt: Math.max(request.expiresAt.getTime(), createdAt + MIN_SESSION_LIFETIME_MS),
        createdAt,
      });
      if (!(await store.linkReservation(request.reservationId, sessionId, false))) {
        // Another request for this hold got there first: use its checkout if it can take the money.
        const raced = await reusableSession(request);
        if (raced) {
          await store.deleteSession(sessionId);
          return { sessionId: raced.id, url: checkoutUrl(raced.id) };
        }
        await store.linkReservation(request.reservationId, sessionId, true);
      }
      deps.logger.info("payment.test_checkout_opened", { sessionId, reservationId: request.reservationId });
      return { sessionId, url };
    },

    async closeCheckout(sessionId) {
      if (!isTestSessionId(sessionId)) return;
      const session = await store.readSession(sessionId);
      if (!session) return;
      await store.close(sessionId);
      // Like Stripe's checkout.session.expired: sent once for a checkout closed without payment.
      if (session.paymentRef || session.closeNotified) return;
      const event: TestWireEvent = {
        id: expiredEventId(sessionId),
        type: "checkout.expired",
        created: seconds(),
        data: { sessionId, reservationId: session.details.reservationId },
      };
      try {
        await deliverTestEvent(delivery, event);
        await store.markNotified(sessionId, "closeNotified");
      } catch (error) {
        // The checkout is closed either way; the shop already knows why it closed it.
        deps.logger.warn("payment.test_close_event_failed", {
          sessionId,
          message: error instanceof Error ? error.message.split("\n")[0] : String(error),
        });
      }
    },

    async refund({ paymentRef }) {
      const refunded = await store.refundCharge(paymentRef, newTestId("refund"), now());
      if (!refunded) throw new Error(`The test provider has no charge ${paymentRef} to refund.`);
      if (refunded.created) deps.logger.info("payment.test_refunded", { paymentRef, refundRef: refunded.refundRef });
      return { refundRef: refunded.refundRef };
    },

    async readWebhook(rawBody, headers): Promise<PaymentEvent> {
      verifyTestWebhook(deps.webhookSecret, rawBody, headers.get(TEST_SIGNATURE_HEADER), seconds());
      return readTestWireEvent(rawBody);
    },

    async describe(sessionId) {
      if (!isTestSessionId(sessionId)) return null;
      const session = await store.readSession(sessionId);
      if (!session) return null;
      const { details } = session;
      return {
        sessionId,
        state: session.paymentRef ? "paid" : isClosed(session) ? "closed" : "open",
        title: details.title,
        amountMinor: details.amountMinor,
        currency: details.currency,
        holdExpiresAt: details.holdExpiresAt,
        successUrl: details.successUrl,
        cancelUrl: details.cancelUrl,
        declines: session.declines,
        lastDecline: session.lastDecline,
        serverNow: now(),
      };
    },

    async pay(sessionId, cardNumber) {
      if (!isTestSessionId(sessionId)) return { status: "not_found" };
      const session = await store.readSession(sessionId);
      if (!session) return { status: "not_found" };
      const { successUrl, cancelUrl } = session.details;

      if (session.paymentRef) {
        // Paid already: no second charge. If the first attempt stopped before its event left,
        // send it now (same event id, so QStash and the shop see it once).
        if (!session.notified) await announcePayment(session, session.paymentRef, 0);
        return { status: "succeeded", paymentRef: session.paymentRef, successUrl };
      }
      if (isClosed(session)) return { status: "closed", cancelUrl };

      const card = findTestCard(cardNumber);
      if (!card) return { status: "not_a_test_card" };

      if (card.outcome === "declined") {
        await store.recordDecline(sessionId, DECLINE_REASON);
        await deliverTestEvent(delivery, {
          id: newTestId("event"),
          type: "payment.failed",
          created: seconds(),
          data: { sessionId, reservationId: session.details.reservationId, reason: DECLINE_REASON },
        });
        return { status: "declined", reason: DECLINE_REASON };
      }

      const claim = await store.claimCharge(sessionId, newTestId("charge"));
      if (!claim.won) return { status: "succeeded", paymentRef: claim.paymentRef, successUrl };
      await store.recordCharge(claim.paymentRef, {
        sessionId,
        reservationId: session.details.reservationId,
        amountMinor: session.details.amountMinor,
        currency: session.details.currency,
        createdAt: now(),
      });
      const delaySeconds = card.outcome === "succeeds_after_delay" ? slowDelay : 0;
      await announcePayment(session, claim.paymentRef, delaySeconds);
      deps.logger.info("payment.test_charged", { sessionId, paymentRef: claim.paymentRef, delaySeconds });
      return delaySeconds > 0
        ? { status: "processing", paymentRef: claim.paymentRef, successUrl }
        : { status: "succeeded", paymentRef: claim.paymentRef, successUrl };
    },
  };
}
