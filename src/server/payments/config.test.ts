import { describe, expect, it } from "vitest";
import { deriveTestWebhookSecret, paymentConfigFromEnv, type PaymentEnv } from "./config";

const AUTH_SECRET = "an-auth-secret-that-is-at-least-32-characters-long";
const base: PaymentEnv = { PAYMENT_PROVIDER: "test", AUTH_SECRET };

describe("paymentConfigFromEnv", () => {
  it("defaults to the test provider with a webhook secret derived from AUTH_SECRET", () => {
    const config = paymentConfigFromEnv(base);
    expect(config).toEqual({ provider: "test", testWebhookSecret: deriveTestWebhookSecret(AUTH_SECRET) });
    expect(config.testWebhookSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(config.testWebhookSecret).not.toContain(AUTH_SECRET);
  });

  it("derives a different secret from a different AUTH_SECRET, the same from the same", () => {
    expect(deriveTestWebhookSecret(AUTH_SECRET)).toBe(deriveTestWebhookSecret(AUTH_SECRET));
    expect(deriveTestWebhookSecret(`${AUTH_SECRET}!`)).not.toBe(deriveTestWebhookSecret(AUTH_SECRET));
  });

  it("uses TEST_PAYMENTS_WEBHOOK_SECRET when it is set", () => {
    const secret = "an-explicit-test-payments-secret-0123456789";
    expect(paymentConfigFromEnv({ ...base, TEST_PAYMENTS_WEBHOOK_SECRET: secret }).testWebhookSecret).toBe(secret);
  });

  it("allows the test provider on previews and local production builds", () => {
    expect(paymentConfigFromEnv({ ...base, VERCEL_ENV: "preview" }).provider).toBe("test");
    expect(paymentConfigFromEnv({ ...base, VERCEL_ENV: "development" }).provider).toBe("test");
    expect(paymentConfigFromEnv(base).provider).toBe("test");
  });

  it("refuses the test provider on a Vercel production deployment", () => {
    expect(() => paymentConfigFromEnv({ ...base, VERCEL_ENV: "production" })).toThrow(
      /PAYMENT_PROVIDER=test is refused on a production deployment/,
    );
  });

  it("takes Stripe with both of its values, on production too", () => {
    const env: PaymentEnv = {
      ...base,
      PAYMENT_PROVIDER: "stripe",
      STRIPE_SECRET_KEY: "sk_test_123",
      STRIPE_WEBHOOK_SECRET: "whsec_456",
      VERCEL_ENV: "production",
    };
    expect(paymentConfigFromEnv(env)).toMatchObject({
      provider: "stripe",
      stripeSecretKey: "sk_test_123",
      stripeWebhookSecret: "whsec_456",
    });
  });

  it.each<[string, Partial<PaymentEnv>, RegExp]>([
    ["without either value", {}, /needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET/],
    ["without the webhook secret", { STRIPE_SECRET_KEY: "sk_test_123" }, /needs STRIPE_WEBHOOK_SECRET:/],
    ["without the secret key", { STRIPE_WEBHOOK_SECRET: "whsec_456" }, /needs STRIPE_SECRET_KEY:/],
  ])("refuses Stripe %s, naming what is missing", (_label, values, message) => {
    expect(() => paymentConfigFromEnv({ ...base, PAYMENT_PROVIDER: "stripe", ...values })).toThrow(message);
  });

  it("never puts a secret value in its error messages", () => {
    try {
      paymentConfigFromEnv({ ...base, PAYMENT_PROVIDER: "stripe", STRIPE_SECRET_KEY: "sk_live_secretvalue" });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain("sk_live_secretvalue");
      expect(String(error)).not.toContain(AUTH_SECRET);
    }
  });
});
