// What a verified Stripe event means for a hold. Only Checkout Session events carry meaning, and
// only for sessions this deployment opened: every session carries the deployment's namespace in its
// metadata, because a Stripe account sends every event to every endpoint — previews sharing a test
// account must not refund each other's payments as "unknown".
import type Stripe from "stripe";
import { z } from "zod";
import { WebhookPayloadError, type PaymentEvent } from "./provider";

/** The fields of a Checkout Session the mapping reads; everything else Stripe sends is ignored. */
const checkoutSessionSchema = z.object({
  id: z.string().min(1),
  object: z.literal("checkout.session"),
  payment_status: z.string(),
  payment_intent: z.union([z.string(), z.object({ id: z.string() })]).nullable(),
  amount_total: z.number().int().nonnegative().nullable(),
  currency: z.string().nullable(),
  client_reference_id: z.string().nullable().optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
});
type CheckoutSessionFields = z.infer<typeof checkoutSessionSchema>;

/** What the shop writes into each session's (and its PaymentIntent's) metadata. */
export interface StampedeMetadata {
  [key: string]: string;
  reservationId: string;
  saleId: string;
  userId: string;
  namespace: string;
}

const ASYNC_FAILURE_REASON = "The payment did not complete.";

function readSession(event: Stripe.Event): CheckoutSessionFields {
  const parsed = checkoutSessionSchema.safeParse(event.data.object);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new WebhookPayloadError(`Stripe ${event.type} ${event.id} has no usable Checkout Session: ${issues}`);
  }
  return parsed.data;
}

export function mapStripeEvent(event: Stripe.Event, namespace: string): PaymentEvent {
  const ignored: PaymentEvent = { id: event.id, type: "ignored", providerType: event.type };
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired":
      break;
    default:
      return ignored;
  }
  const session = readSession(event);
  // Another deployment's (or another integration's) checkout on the same account: not ours to judge.
  if (session.metadata?.namespace !== namespace) return ignored;
  const reservationId = session.metadata.reservationId ?? session.client_reference_id ?? null;
  if (!reservationId) throw new WebhookPayloadError(`Stripe ${event.type} ${event.id} names no reservation.`);
  const common = { id: event.id, sessionId: session.id, reservationId };

  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      // A completed session whose payment is still on its way (a bank debit) is "unpaid": the money
      // is announced later by async_payment_succeeded or _failed.
      if (session.payment_status !== "paid") return ignored;
      const paymentRef =
        typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
      if (!paymentRef || session.amount_total === null || !session.currency) {
        throw new WebhookPayloadError(`Stripe ${event.type} ${event.id} is paid but lacks its payment or amount.`);
      }
      return {
        ...common,
        type: "payment.succeeded",
        paymentRef,
        amountMinor: session.amount_total,
        currency: session.currency.toUpperCase(),
      };
    }
    case "checkout.session.async_payment_failed":
      return { ...common, type: "payment.failed", reason: ASYNC_FAILURE_REASON };
    case "checkout.session.expired":
      return { ...common, type: "checkout.expired" };
  }
}
