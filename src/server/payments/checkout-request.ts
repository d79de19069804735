// What every provider checks before opening a checkout: a mistake in the request (a free sale, a
// lower-case currency, a relative URL) fails here with its field, not later at the provider.
import { z } from "zod";
import { idSchema } from "~/lib/sale";
import type { CheckoutRequest } from "./provider";

const absoluteUrl = z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" });

export const checkoutRequestSchema = z.object({
  reservationId: idSchema("reservationId"),
  saleId: idSchema("saleId"),
  userId: idSchema("userId"),
  title: z.string().trim().min(1).max(250),
  // A free claim never reaches a provider: it is confirmed at once.
  amountMinor: z.number().int().positive().max(99_999_999),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an upper-case ISO 4217 code"),
  expiresAt: z.date(),
  successUrl: absoluteUrl,
  cancelUrl: absoluteUrl,
  customerEmail: z.string().trim().min(3).max(254).nullish(),
}) satisfies z.ZodType<CheckoutRequest>;

export function parseCheckoutRequest(request: CheckoutRequest): CheckoutRequest {
  const parsed = checkoutRequestSchema.safeParse(request);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid checkout request: ${issues.join("; ")}`);
  }
  return parsed.data;
}
