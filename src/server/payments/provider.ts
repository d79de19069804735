// The payment provider as the checkout sees it. Two implementations: the built-in test provider
// (the default for local work, tests and previews) and Stripe; which one runs is chosen by env
// (see ./index and docs/deploying.md). Nothing outside src/server/payments knows which it is.

export type PaymentProviderName = "test" | "stripe";

/** Where providers send their events (registered at Stripe; the test provider's QStash target). */
export const PAYMENT_WEBHOOK_PATH = "/api/payments/webhook";

export interface CheckoutRequest {
  /** The hold being paid for; travels with the provider's events so they find it again. */
  reservationId: string;
  saleId: string;
  userId: string;
  /** The line the payer sees. */
  title: string;
  amountMinor: number;
  /** ISO 4217, upper case. */
  currency: string;
  /** When the hold lapses. The checkout is closed by us then (providers' own minimums are longer). */
  expiresAt: Date;
  /** Where the payer lands after paying, and after giving up. Absolute URLs. */
  successUrl: string;
  cancelUrl: string;
  customerEmail?: string | null;
}

export interface OpenedCheckout {
  /** The provider's id for the checkout (Stripe: the Checkout Session id). */
  sessionId: string;
  /** Where to send the payer. */
  url: string;
}

/** What a verified provider event means for a hold. */
export type PaymentEvent =
  | {
      /** The provider's event id: handling is idempotent on it. */
      id: string;
      type: "payment.succeeded";
      sessionId: string;
      reservationId: string;
      /** The provider's reference for the money taken (Stripe: the PaymentIntent id); refunds use it. */
      paymentRef: string;
      amountMinor: number;
      currency: string;
    }
  | { id: string; type: "payment.failed"; sessionId: string; reservationId: string; reason: string }
  | { id: string; type: "checkout.expired"; sessionId: string; reservationId: string }
  /** A genuine event the checkout does not act on (acknowledged so the provider stops sending it). */
  | { id: string; type: "ignored"; providerType: string };

/** A webhook whose signature does not verify (forged, tampered, or too old to trust). */
export class WebhookSignatureError extends Error {
  override name = "WebhookSignatureError";
}

/** A verified webhook whose content the checkout cannot use (no reservation, unknown shape). */
export class WebhookPayloadError extends Error {
  override name = "WebhookPayloadError";
}

export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /** Opens a payment page for one hold. */
  openCheckout(request: CheckoutRequest): Promise<OpenedCheckout>;
  /** Closes an open checkout so it can take no money; closing a closed or completed one is harmless. */
  closeCheckout(sessionId: string): Promise<void>;
  /** Gives a payment back in full. Idempotent per paymentRef: asking twice refunds once. */
  refund(payment: { paymentRef: string; amountMinor: number; currency: string }): Promise<{ refundRef: string }>;
  /**
   * Verifies a webhook on its raw body (before anything parses it) and reads the event.
   * Throws WebhookSignatureError when the signature does not verify, WebhookPayloadError when a
   * verified event cannot be used.
   */
  readWebhook(rawBody: string, headers: Headers): Promise<PaymentEvent>;
}
