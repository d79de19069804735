// POST /api/payments/webhook – payment provider events
import { services } from "~/server/app-services";
import { createPaymentWebhookRoute } from "~/server/webhooks/payment-webhook-route";

export const POST = createPaymentWebhookRoute({
  provider: services.clients.payments,
  handle: (event) => services.checkout.handlePaymentEvent(event),
  logger: services.logger,
});
