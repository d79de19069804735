// Stripe Checkout behind PaymentProvider. A hold opens one Checkout Session; the shop closes it
// when the hold ends (Stripe's own expiry is 30 minutes at the earliest, longer than most holds);
// webhooks are verified with the endpoint's signing secret on the raw body before anything is read.
import { createHash } from "node:crypto";
import Stripe from "stripe";
import type { Logger } from "~/server/logger";
import { parseCheckoutRequest } from "./checkout-request";
import {
  WebhookPayloadError,
  WebhookSignatureError,
  type CheckoutRequest,
  type OpenedCheckout,
  type PaymentProvider,
} from "./provider";
import { mapStripeEvent, type StampedeMetadata } from "./stripe-events";

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** The deployment's namespace, written into every session so its events find their way home. */
  namespace: string;
  logger: Logger;
  /** Where the API is; only tests change it (a local stub over http). */
  api?: { host: string; port: number; protocol: "http" | "https" };
  now?: () => number;
}

/** Stripe refuses a session that expires sooner than 30 minutes after it is created. */
const STRIPE_MIN_LIFETIME_SECONDS = 30 * 60;
/** Clock skew between us and Stripe must not push a session under that minimum. */
const SKEW_MARGIN_SECONDS = 60;

/**
 * The session's own expiry: the hold's end plus Stripe's minimum, a backstop in case the shop's
 * close never comes. Derived from the hold, not from the clock, so asking again for the same hold
 * sends the same request and Stripe's idempotency returns the same session.
 */
export function stripeSessionExpiry(holdExpiresAt: Date, nowMs: number): number {
  const holdEnd = Math.ceil(holdExpiresAt.getTime() / 1000);
  const earliest = Math.ceil(nowMs / 1000) + STRIPE_MIN_LIFETIME_SECONDS + SKEW_MARGIN_SECONDS;
  return Math.max(holdEnd + STRIPE_MIN_LIFETIME_SECONDS + SKEW_MARGIN_SECONDS, earliest);
}

export function checkoutSessionParams(
  request: CheckoutRequest,
  namespace: string,
  nowMs: number,
): Stripe.Checkout.SessionCreateParams {
  const metadata: StampedeMetadata = {
    reservationId: request.reservationId,
    saleId: request.saleId,
    userId: request.userId,
    namespace,
  };
  return {
    mode: "payment",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: request.currency.toLowerCase(),
          unit_amount: request.amountMinor,
          product_data: { name: request.title },
        },
      },
    ],
    metadata,
    // On the PaymentIntent too, so the payment itself (dashboard, refunds, disputes) names its hold.
    payment_intent_data: { metadata },
    client_reference_id: request.reservationId,
    success_url: request.successUrl,
    cancel_url: request.cancelUrl,
    expires_at: stripeSessionExpiry(request.expiresAt, nowMs),
    ...(request.customerEmail ? { customer_email: request.customerEmail } : {}),
  };
}

/**
 * One key per hold and request: a retry (ours, or a second click) gets the session Stripe already
 * made instead of a second payable one; a request that differs gets a new session, not an error.
 */
function checkoutIdempotencyKey(reservationId: string, params: Stripe.Checkout.SessionCreateParams): string {
  const digest = createHash("sha256").update(JSON.stringify(params)).digest("hex").slice(0, 16);
  return `checkout-${reservationId}-${digest}`;
}

export function createStripeClient(options: Pick<StripeProviderOptions, "secretKey" | "api">): Stripe {
  return new Stripe(options.secretKey, {
    maxNetworkRetries: 2,
    timeout: 15_000,
    telemetry: false,
    appInfo: { name: "Stampede" },
    ...(options.api ?? {}),
  });
}

export function createStripePaymentProvider(options: StripeProviderOptions): PaymentProvider {
  const stripe = createStripeClient(options);
  const now = options.now ?? Date.now;

  return {
    name: "stripe",

    async openCheckout(input): Promise<OpenedCheckout> {
      const request = parseCheckoutRequest(input);
      const params = checkoutSessionParams(request, options.namespace, now());
      const session = await stripe.checkout.sessions.create(params, {
        idempotencyKey: checkoutIdempotencyKey(request.reservationId, params),
      });
      if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a URL.`);
      return { sessionId: session.id, url: session.url };
    },

    async closeCheckout(sessionId) {
      try {
        await stripe.checkout.sessions.expire(sessionId);
      } catch (error) {
        // Stripe expires only open sessions. One already expired or completed is closed, which is
        // all we asked; its status tells, rather than the wording of the error.
        if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
        const session = await stripe.checkout.sessions.retrieve(sessionId);
        if (session.status === "open") throw error;
      }
    },

    async refund({ paymentRef }) {
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: paymentRef },
          { idempotencyKey: `refund-${paymentRef}` },
        );
        options.logger.info("payment.stripe_refunded", { paymentRef, refundRef: refund.id });
        return { refundRef: refund.id };
      } catch (error) {
        // Stripe keeps idempotency keys for 24 hours; after that, a second ask meets the first refund.
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "charge_already_refunded") {
          const refunds = await stripe.refunds.list({ payment_intent: paymentRef, limit: 10 });
          const earlier = refunds.data.find((refund) => refund.status !== "failed" && refund.status !== "canceled");
          if (earlier) return { refundRef: earlier.id };
        }
        throw error;
      }
    },

    async readWebhook(rawBody, headers) {
      const signature = headers.get("stripe-signature");
      if (!signature) throw new WebhookSignatureError("Missing Stripe-Signature header.");
      let event: Stripe.Event;
      try {
        event = await stripe.webhooks.constructEventAsync(
          rawBody,
          signature,
          options.webhookSecret,
          undefined,
          undefined,
          now(),
        );
      } catch (error) {
        if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
          // Stripe's message says which check failed (no match, outside the tolerance); it holds no secret.
          throw new WebhookSignatureError(`Stripe signature refused: ${error.message.split("\n")[0]}`);
        }
        throw new WebhookPayloadError("The Stripe webhook body is not a usable event.");
      }
      return mapStripeEvent(event, options.namespace);
    },
  };
}
