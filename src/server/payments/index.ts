// The payment provider this deployment uses, built from its configuration. The composition point
// calls createPaymentProvider(paymentConfigFromEnv(env), clients) once; everything else receives
// the PaymentProvider and never asks which one it is (only the test checkout page does, through
// isTestProvider).
import type { Client as QStashClient } from "@upstash/qstash";
import type { Redis } from "@upstash/redis";
import type { Deployment } from "~/server/deployment/deployment";
import type { Logger } from "~/server/logger";
import type { PaymentConfig } from "./config";
import type { PaymentProvider } from "./provider";
import { createStripePaymentProvider } from "./stripe-provider";
import { createTestPaymentProvider } from "./test-provider/test-provider";

export { deriveTestWebhookSecret, paymentConfigFromEnv, type PaymentConfig, type PaymentEnv } from "./config";
export {
  isTestProvider,
  type TestCheckoutView,
  type TestPaymentProvider,
  type TestPayOutcome,
} from "./test-provider/test-provider";
export * from "./provider";

export interface PaymentProviderDeps {
  redis: Redis;
  qstash: QStashClient;
  deployment: Deployment;
  logger: Logger;
}

export function createPaymentProvider(config: PaymentConfig, deps: PaymentProviderDeps): PaymentProvider {
  if (config.provider === "stripe") {
    if (!config.stripeSecretKey || !config.stripeWebhookSecret) {
      throw new Error("The Stripe provider needs its secret key and webhook secret (see paymentConfigFromEnv).");
    }
    return createStripePaymentProvider({
      secretKey: config.stripeSecretKey,
      webhookSecret: config.stripeWebhookSecret,
      namespace: deps.deployment.namespace,
      logger: deps.logger,
    });
  }
  return createTestPaymentProvider({ ...deps, webhookSecret: config.testWebhookSecret });
}
