// The payment provider's webhook: raw body → the provider verifies its signature on those bytes
// and reads the event → the checkout applies it. Answers follow what providers (and QStash, which
// carries the test provider's events) expect: 2xx once handled, 400 for a delivery that will never
// verify or never be usable (nothing was applied), 503 when applying it failed and a retry may succeed.
import type { Logger } from "~/server/logger";
import {
  WebhookPayloadError,
  WebhookSignatureError,
  type PaymentEvent,
  type PaymentProvider,
} from "~/server/payments/provider";
import { jsonResponse, type RouteHandler } from "./signed-qstash-route";

export interface PaymentWebhookDeps {
  provider: PaymentProvider;
  /** Applies a verified event; idempotent on the event id (providers deliver at least once). */
  handle: (event: PaymentEvent) => Promise<unknown>;
  logger: Logger;
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message.split("\n")[0] : String(error));

export function createPaymentWebhookRoute(deps: PaymentWebhookDeps): RouteHandler {
  return async function handlePaymentWebhook(request) {
    let rawBody: string;
    try {
      rawBody = await request.text();
    } catch {
      return jsonResponse(400, { error: "The request body could not be read." });
    }

    let event: PaymentEvent;
    try {
      event = await deps.provider.readWebhook(rawBody, request.headers);
    } catch (error) {
      if (error instanceof WebhookSignatureError || error instanceof WebhookPayloadError) {
        deps.logger.warn("payment.webhook_refused", {
          provider: deps.provider.name,
          reason: error.name,
          message: error.message,
        });
        return jsonResponse(400, { error: error.message });
      }
      return failed(deps, error, null);
    }

    try {
      await deps.handle(event);
    } catch (error) {
      return failed(deps, error, event);
    }
    return jsonResponse(200, { received: true });
  };
}

/** Logged once, with ids only: the provider retries, and a repeat is handled idempotently. */
function failed(deps: PaymentWebhookDeps, error: unknown, event: PaymentEvent | null): Response {
  deps.logger.error("payment.webhook_failed", {
    provider: deps.provider.name,
    eventId: event?.id ?? null,
    type: event?.type ?? null,
    message: firstLine(error),
  });
  return jsonResponse(503, { error: "The event could not be handled yet; it will be retried." });
}
