// The app's webhook routes (QStash's and the payment provider's) keyed by path, as a test server
// or the resilience suite's app process serves them, and the payment provider tests use. No test
// runner imports here: scripts load this too.
import type { Receiver } from "@upstash/qstash";
import { QSTASH_PATHS } from "~/server/orders/qstash-destinations";
import { createPaymentProvider } from "~/server/payments";
import { PAYMENT_WEBHOOK_PATH } from "~/server/payments/provider";
import type { AppClients, Services } from "~/server/services";
import { createPaymentWebhookRoute } from "~/server/webhooks/payment-webhook-route";
import { createQStashRoutes } from "~/server/webhooks/qstash-routes";
import type { RouteHandler } from "~/server/webhooks/signed-qstash-route";

/** The webhook routes as the app serves them, keyed by path. */
export function qstashRouteTable(
  services: Services,
  receiver: Receiver,
  publicUrl: () => string | undefined,
): Record<string, RouteHandler> {
  const routes = createQStashRoutes(services, receiver, publicUrl);
  return {
    [QSTASH_PATHS.orders]: routes.orders,
    [QSTASH_PATHS.failures]: routes.failures,
    [QSTASH_PATHS.reconcile]: routes.reconcile,
    [QSTASH_PATHS.holds]: routes.holds,
    [QSTASH_PATHS.draw]: routes.draw,
    [QSTASH_PATHS.reminders]: routes.reminders,
    [PAYMENT_WEBHOOK_PATH]: createPaymentWebhookRoute({
      provider: services.clients.payments,
      handle: (event) => services.checkout.handlePaymentEvent(event),
      logger: services.logger,
    }),
  };
}

/** The test provider's webhook secret in tests (the app derives its own from AUTH_SECRET). */
export const TEST_PAYMENTS_SECRET = "test-payments-webhook-secret-for-the-test-suite-only";

/** The built-in test payment provider, as tests use it. */
export function testPaymentProvider(clients: Omit<AppClients, "payments" | "challenges">) {
  return createPaymentProvider({ provider: "test", testWebhookSecret: TEST_PAYMENTS_SECRET }, clients);
}
