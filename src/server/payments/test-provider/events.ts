// The test provider's webhook events as they travel (one JSON body, signed as sent), and how a
// verified body becomes the checkout's PaymentEvent. One schema for the sender and the reader.
import { z } from "zod";
import { idSchema } from "~/lib/sale";
import { WebhookPayloadError, type PaymentEvent } from "~/server/payments/provider";
import { TEST_ID_PATTERNS } from "./ids";

const sessionId = z.string().regex(TEST_ID_PATTERNS.session, "must be a test checkout id (tcs_…)");
const base = {
  id: z.string().regex(TEST_ID_PATTERNS.event, "must be a test event id (tev_…)"),
  /** When the event happened, unix seconds. */
  created: z.number().int().positive(),
};

export const testWireEventSchema = z.discriminatedUnion("type", [
  z.object({
    ...base,
    type: z.literal("payment.succeeded"),
    data: z.object({
      sessionId,
      reservationId: idSchema("reservationId"),
      paymentRef: z.string().regex(TEST_ID_PATTERNS.charge, "must be a test charge id (tch_…)"),
      amountMinor: z.number().int().nonnegative(),
      currency: z.string().regex(/^[A-Z]{3}$/, "must be an upper-case ISO 4217 code"),
    }),
  }),
  z.object({
    ...base,
    type: z.literal("payment.failed"),
    data: z.object({ sessionId, reservationId: idSchema("reservationId"), reason: z.string().min(1).max(500) }),
  }),
  z.object({
    ...base,
    type: z.literal("checkout.expired"),
    data: z.object({ sessionId, reservationId: idSchema("reservationId") }),
  }),
]);

export type TestWireEvent = z.infer<typeof testWireEventSchema>;
const KNOWN_TYPES = new Set<string>(["payment.succeeded", "payment.failed", "checkout.expired"]);

/** Only the envelope: a verified event of a type this build does not know is acknowledged, not refused. */
const envelopeSchema = z.object({ id: base.id, type: z.string().min(1).max(100) });

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");
}

/** Reads a body whose signature has already been verified. Throws WebhookPayloadError when unusable. */
export function readTestWireEvent(rawBody: string): PaymentEvent {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new WebhookPayloadError("The webhook body is not valid JSON.");
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw new WebhookPayloadError(`Not a test provider event: ${describeIssues(envelope.error)}`);
  if (!KNOWN_TYPES.has(envelope.data.type)) {
    return { id: envelope.data.id, type: "ignored", providerType: envelope.data.type };
  }
  const parsed = testWireEventSchema.safeParse(json);
  if (!parsed.success) {
    throw new WebhookPayloadError(`Unusable ${envelope.data.type} event: ${describeIssues(parsed.error)}`);
  }
  const event = parsed.data;
  switch (event.type) {
    case "payment.succeeded":
      return { id: event.id, type: event.type, ...event.data };
    case "payment.failed":
      return { id: event.id, type: event.type, ...event.data };
    case "checkout.expired":
      return { id: event.id, type: event.type, ...event.data };
  }
}
