// What the checkout service promises its callers (routers, webhook routes, the expiry route).
import type { ShopperSaleStatus } from "~/lib/checkout";
import type { PaymentEvent } from "~/server/payments/provider";

export type StartPaymentOutcome =
  | { ok: true; url: string }
  | {
      ok: false;
      /** NO_HOLD: nothing to pay (never held, expired, cancelled); ALREADY_PAID; FREE: nothing to pay for. */
      reason: "NO_HOLD" | "ALREADY_PAID" | "FREE" | "UNKNOWN_SALE";
    };

export type CancelOutcome = { ok: true } | { ok: false; reason: "NO_HOLD" | "ALREADY_PAID" | "UNKNOWN_SALE" };

/** What became of a provider event; every one is answered 2xx except thrown errors (retry). */
export type PaymentEventOutcome =
  /** The hold is paid (on time, or late while the unit was still free). */
  | { result: "PAID"; reservationId: string }
  /** The payment could not be honoured (hold gone, paid twice, amount wrong) and was refunded. */
  | { result: "REFUNDED"; reservationId: string; why: "HOLD_GONE" | "PAID_TWICE" | "AMOUNT_MISMATCH" | "UNKNOWN_HOLD" }
  /** Recorded (a decline, a closed checkout) or already handled (a replay). */
  | { result: "NOTED" | "DUPLICATE" | "IGNORED" };

export interface CheckoutService {
  /** Where a shopper stands in a sale, from Redis (live truth) and Postgres (payments, refunds). */
  status(input: { saleId: string; userId: string }): Promise<ShopperSaleStatus>;
  /** Opens a payment page at the provider for the shopper's current hold. */
  startPayment(input: { saleId: string; userId: string; email: string | null }): Promise<StartPaymentOutcome>;
  /** The shopper lets their hold go; the unit goes to the waitlist or back to stock at once. */
  cancel(input: { saleId: string; userId: string }): Promise<CancelOutcome>;
  /** Applies a verified provider event. Idempotent on the event id and on the payment. */
  handlePaymentEvent(event: PaymentEvent): Promise<PaymentEventOutcome>;
}
