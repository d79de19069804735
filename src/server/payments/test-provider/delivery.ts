// Hands a test provider event to QStash, which delivers it to the shop's webhook with the
// provider's signature header forwarded untouched: durable like a real provider's deliveries,
// with retries, and once per event id (the deduplication id).
//
// The signature is made here, once, and QStash repeats the same header on every attempt, so all
// attempts must land within the signature's tolerance (5 minutes). Hosted QStash backs off
// e^(2.5·n) seconds: two retries come after about 12 s and 2.5 min; a third would come after
// half an hour, when the signature is no longer accepted. Hence two.
import type { Client as QStashClient } from "@upstash/qstash";
import type { Deployment } from "~/server/deployment/deployment";
import { PAYMENT_WEBHOOK_PATH } from "~/server/payments/provider";
import type { TestWireEvent } from "./events";
import { signTestWebhook, TEST_SIGNATURE_HEADER } from "./signature";

export const TEST_DELIVERY_RETRIES = 2;

export interface TestDeliveryDeps {
  qstash: QStashClient;
  deployment: Deployment;
  webhookSecret: string;
  retries?: number;
  now?: () => number;
}

export function testWebhookUrl(deployment: Deployment): string {
  // Read on every call: the public URL may be known only after start-up (tests serve on a free port).
  if (!deployment.publicUrl) {
    throw new Error("APP_URL is not set and no Vercel URL is available: the test provider has nowhere to send events.");
  }
  return `${deployment.publicUrl}${PAYMENT_WEBHOOK_PATH}`;
}

/** Publishes one event; `delaySeconds` holds it back (the slow test card). Resolves once QStash has it. */
export async function deliverTestEvent(
  deps: TestDeliveryDeps,
  event: TestWireEvent,
  delaySeconds = 0,
): Promise<{ messageId: string }> {
  const rawBody = JSON.stringify(event);
  const now = deps.now ?? Date.now;
  // Signed for the moment it is due, so a delayed delivery is as fresh as an immediate one.
  const signedAt = Math.floor(now() / 1000) + delaySeconds;
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    [TEST_SIGNATURE_HEADER]: signTestWebhook(deps.webhookSecret, rawBody, signedAt),
  };
  if (deps.deployment.protectionBypassSecret) {
    headers["x-vercel-protection-bypass"] = deps.deployment.protectionBypassSecret;
  }
  const published = await deps.qstash.publish({
    url: testWebhookUrl(deps.deployment),
    body: rawBody,
    headers,
    retries: deps.retries ?? TEST_DELIVERY_RETRIES,
    deduplicationId: `${deps.deployment.namespace}.testpay.${event.id}`.replace(/[^A-Za-z0-9_.-]/g, "_"),
    ...(delaySeconds > 0 ? { delay: delaySeconds } : {}),
  });
  return { messageId: published.messageId };
}
