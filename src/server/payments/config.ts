// Which provider takes the money, and its secrets, from the validated environment. Refuses the two
// configurations that would quietly go wrong: the test provider on a production deployment (every
// test card would buy a real unit), and Stripe without the keys to call it and to check its webhooks.
import { hkdfSync } from "node:crypto";
import type { PaymentProviderName } from "./provider";

export interface PaymentEnv {
  PAYMENT_PROVIDER: PaymentProviderName;
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  TEST_PAYMENTS_WEBHOOK_SECRET?: string;
  AUTH_SECRET: string;
  VERCEL_ENV?: "production" | "preview" | "development";
}

export interface PaymentConfig {
  provider: PaymentProviderName;
  stripeSecretKey?: string;
  stripeWebhookSecret?: string;
  /** Signs the test provider's webhooks (present whatever the provider, so the test page can say it is off). */
  testWebhookSecret: string;
}

const TEST_SECRET_INFO = "stampede test payments webhook";

/**
 * A key of its own for the test provider's webhooks, derived from AUTH_SECRET so a deployment needs
 * no extra variable, and one-way: knowing it reveals nothing about the session secret.
 */
export function deriveTestWebhookSecret(authSecret: string): string {
  return Buffer.from(hkdfSync("sha256", authSecret, "", TEST_SECRET_INFO, 32)).toString("hex");
}

export function paymentConfigFromEnv(env: PaymentEnv): PaymentConfig {
  const testWebhookSecret = env.TEST_PAYMENTS_WEBHOOK_SECRET ?? deriveTestWebhookSecret(env.AUTH_SECRET);
  if (env.PAYMENT_PROVIDER === "test") {
    if (env.VERCEL_ENV === "production") {
      throw new Error(
        "PAYMENT_PROVIDER=test is refused on a production deployment: its test cards would sell real units. " +
          "Set PAYMENT_PROVIDER=stripe with STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (see docs/deploying.md).",
      );
    }
    return { provider: "test", testWebhookSecret };
  }
  const missing = [
    env.STRIPE_SECRET_KEY ? null : "STRIPE_SECRET_KEY",
    env.STRIPE_WEBHOOK_SECRET ? null : "STRIPE_WEBHOOK_SECRET",
  ].filter((name): name is string => name !== null);
  if (missing.length > 0) {
    throw new Error(
      `PAYMENT_PROVIDER=stripe needs ${missing.join(" and ")}: the secret key opens checkouts and refunds, ` +
        "the webhook secret verifies Stripe's events (see docs/deploying.md).",
    );
  }
  return {
    provider: "stripe",
    stripeSecretKey: env.STRIPE_SECRET_KEY,
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET,
    testWebhookSecret,
  };
}
