// The test provider on the real local stack: its books in Redis, its events through the local
// QStash to the real webhook route, verified there as the app verifies them.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Deployment } from "~/server/deployment/deployment";
import { createLogger } from "~/server/logger";
import { PAYMENT_WEBHOOK_PATH, type CheckoutRequest, type PaymentEvent } from "~/server/payments/provider";
import { createQStashClient } from "~/server/qstash";
import { createRedisClient } from "~/server/redis";
import { createPaymentWebhookRoute } from "~/server/webhooks/payment-webhook-route";
import { eventually, uniqueId } from "~/testing/fixtures";
import { serveRoutes, type ServedRoutes } from "~/testing/serve-routes";
import { createTestPaymentProvider, type TestPaymentProvider } from "./test-provider";

const SECRET = "integration-test-payments-secret-0123456789";
const BYPASS = `bypass-${randomBytes(6).toString("hex")}`;
const SLOW_CARD_DELAY_SECONDS = 2;
const CARDS = { succeeds: "4242 4242 4242 4242", declined: "4000000000000002", slow: "4000-0000-0000-3220" };

interface Delivery {
  event: PaymentEvent;
  bypass: string | null;
  at: number;
}

const deliveries: Delivery[] = [];
let served: ServedRoutes;
let publicUrl = "";
let provider: TestPaymentProvider;
let deployment: Deployment;

beforeAll(async () => {
  const stack = inject("stack");
  const redis = createRedisClient(stack.UPSTASH_REDIS_REST_URL, stack.UPSTASH_REDIS_REST_TOKEN);
  const qstash = createQStashClient(stack.QSTASH_URL, stack.QSTASH_TOKEN);
  deployment = {
    namespace: `${stack.STAMPEDE_NAMESPACE}-${uniqueId("")}`,
    get publicUrl() {
      return publicUrl;
    },
    protectionBypassSecret: BYPASS,
  };
  const logger = createLogger({ level: "silent" });
  provider = createTestPaymentProvider({
    redis,
    qstash,
    deployment,
    logger,
    webhookSecret: SECRET,
    slowCardDelaySeconds: SLOW_CARD_DELAY_SECONDS,
  });
  let bypass: string | null = null;
  const route = createPaymentWebhookRoute({
    provider,
    handle: (event) => {
      deliveries.push({ event, bypass, at: Date.now() });
      return Promise.resolve(null);
    },
    logger,
  });
  served = await serveRoutes({
    [PAYMENT_WEBHOOK_PATH]: (request) => {
      bypass = request.headers.get("x-vercel-protection-bypass");
      return route(request);
    },
  });
  publicUrl = served.url;
});
afterAll(async () => {
  await served.close();
});

function checkoutRequest(overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
  return {
    reservationId: `rsv_${randomBytes(16).toString("hex")}`,
    saleId: uniqueId("sale"),
    userId: uniqueId("user"),
    title: "Limited sneaker",
    amountMinor: 4_999,
    currency: "USD",
    expiresAt: new Date(Date.now() + 10 * 60_000),
    successUrl: "https://stampede.example/sales/drop?paid=1",
    cancelUrl: "https://stampede.example/sales/drop",
    customerEmail: "shopper@stampede.test",
    ...overrides,
  };
}

const eventsOf = (sessionId: string) =>
  deliveries.filter(({ event }) => "sessionId" in event && event.sessionId === sessionId);

async function waitForEvents(sessionId: string, count: number, timeoutMs = 10_000): Promise<Delivery[]> {
  await eventually(() => Promise.resolve(eventsOf(sessionId).length >= count), `${count} events`, timeoutMs);
  return eventsOf(sessionId);
}

/** Long enough for a second (wrong) delivery of something already delivered to show up. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 600));

describe("opening a test checkout", () => {
  it("stores the session and returns this deployment's checkout page for it", async () => {
    const request = checkoutRequest();
    const opened = await provider.openCheckout(request);
    expect(opened.sessionId).toMatch(/^tcs_[0-9a-f]{32}$/);
    expect(opened.url).toBe(`${publicUrl}/checkout/test/${opened.sessionId}`);
    expect(await provider.describe(opened.sessionId)).toMatchObject({
      sessionId: opened.sessionId,
      state: "open",
      title: "Limited sneaker",
      amountMinor: 4_999,
      currency: "USD",
      holdExpiresAt: request.expiresAt.getTime(),
      successUrl: request.successUrl,
      cancelUrl: request.cancelUrl,
      declines: 0,
      lastDecline: null,
    });
  });

  it("gives the same checkout when asked again for the same hold, and a new one once it is closed", async () => {
    const request = checkoutRequest();
    const [first, second] = await Promise.all([provider.openCheckout(request), provider.openCheckout(request)]);
    expect(second.sessionId).toBe(first.sessionId);
    await provider.closeCheckout(first.sessionId);
    const third = await provider.openCheckout(request);
    expect(third.sessionId).not.toBe(first.sessionId);
  });

  it("says what is missing when the deployment has no public URL", async () => {
    const stack = inject("stack");
    const orphan = createTestPaymentProvider({
      redis: createRedisClient(stack.UPSTASH_REDIS_REST_URL, stack.UPSTASH_REDIS_REST_TOKEN),
      qstash: createQStashClient(stack.QSTASH_URL, stack.QSTASH_TOKEN),
      deployment: { namespace: deployment.namespace, publicUrl: undefined },
      logger: createLogger({ level: "silent" }),
      webhookSecret: SECRET,
    });
    await expect(orphan.openCheckout(checkoutRequest())).rejects.toThrow(/APP_URL/);
  });

  it("does not know a session id it never issued", async () => {
    expect(await provider.describe("tcs_00000000000000000000000000000000")).toBeNull();
    expect(await provider.describe("not-a-session")).toBeNull();
    expect(await provider.pay("tcs_00000000000000000000000000000000", CARDS.succeeds)).toEqual({ status: "not_found" });
  });
});

describe("paying with the test cards", () => {
  it("4242… succeeds: one charge and one signed payment.succeeded, however often it is paid", async () => {
    const request = checkoutRequest();
    const { sessionId } = await provider.openCheckout(request);
    const paid = await provider.pay(sessionId, CARDS.succeeds);
    expect(paid).toMatchObject({ status: "succeeded", successUrl: request.successUrl });
    if (paid.status !== "succeeded") throw new Error("unreachable");
    expect(paid.paymentRef).toMatch(/^tch_[0-9a-f]{32}$/);

    // Paying again, and three times at once, takes nothing more.
    const again = await Promise.all([
      provider.pay(sessionId, CARDS.succeeds),
      provider.pay(sessionId, CARDS.succeeds),
      provider.pay(sessionId, CARDS.slow),
    ]);
    expect(new Set(again.map((outcome) => ("paymentRef" in outcome ? outcome.paymentRef : null)))).toEqual(
      new Set([paid.paymentRef]),
    );

    const [delivery] = await waitForEvents(sessionId, 1);
    await settle();
    expect(eventsOf(sessionId)).toHaveLength(1);
    expect(delivery!.event).toEqual({
      id: expect.stringMatching(/^tev_[0-9a-f]{32}$/) as string,
      type: "payment.succeeded",
      sessionId,
      reservationId: request.reservationId,
      paymentRef: paid.paymentRef,
      amountMinor: 4_999,
      currency: "USD",
    });
    expect(delivery!.bypass).toBe(BYPASS);
    expect(await provider.describe(sessionId)).toMatchObject({ state: "paid" });
  });

  it("4000…0002 is declined, reported as payment.failed, and another card can still pay", async () => {
    const request = checkoutRequest();
    const { sessionId } = await provider.openCheckout(request);
    expect(await provider.pay(sessionId, CARDS.declined)).toEqual({
      status: "declined",
      reason: "Your card was declined.",
    });
    const [failed] = await waitForEvents(sessionId, 1);
    expect(failed!.event).toMatchObject({
      type: "payment.failed",
      sessionId,
      reservationId: request.reservationId,
      reason: "Your card was declined.",
    });
    expect(await provider.describe(sessionId)).toMatchObject({
      state: "open",
      declines: 1,
      lastDecline: "Your card was declined.",
    });

    expect(await provider.pay(sessionId, CARDS.succeeds)).toMatchObject({ status: "succeeded" });
    const events = await waitForEvents(sessionId, 2);
    expect(events.map(({ event }) => event.type)).toEqual(["payment.failed", "payment.succeeded"]);
  });

  it("4000…3220 succeeds, but its event reaches the shop only after the delay", async () => {
    const request = checkoutRequest();
    const { sessionId } = await provider.openCheckout(request);
    const paidAt = Date.now();
    const paid = await provider.pay(sessionId, CARDS.slow);
    expect(paid).toMatchObject({ status: "processing", successUrl: request.successUrl });
    expect(await provider.describe(sessionId)).toMatchObject({ state: "paid" });

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(eventsOf(sessionId)).toHaveLength(0);
    const [delivery] = await waitForEvents(sessionId, 1);
    expect(delivery!.at - paidAt).toBeGreaterThanOrEqual(SLOW_CARD_DELAY_SECONDS * 1000 - 100);
    expect(delivery!.event).toMatchObject({
      type: "payment.succeeded",
      paymentRef: (paid as { paymentRef: string }).paymentRef,
    });
  });

  it("refuses any other number as not a test card, and takes nothing", async () => {
    const { sessionId } = await provider.openCheckout(checkoutRequest());
    expect(await provider.pay(sessionId, "4111 1111 1111 1111")).toEqual({ status: "not_a_test_card" });
    await settle();
    expect(eventsOf(sessionId)).toHaveLength(0);
    expect(await provider.describe(sessionId)).toMatchObject({ state: "open", declines: 0 });
  });
});

describe("closing a test checkout", () => {
  it("refuses new payments, and announces checkout.expired once however often it is closed", async () => {
    const request = checkoutRequest();
    const { sessionId } = await provider.openCheckout(request);
    await provider.closeCheckout(sessionId);
    await provider.closeCheckout(sessionId);
    expect(await provider.describe(sessionId)).toMatchObject({ state: "closed" });
    expect(await provider.pay(sessionId, CARDS.succeeds)).toEqual({ status: "closed", cancelUrl: request.cancelUrl });

    const [expired] = await waitForEvents(sessionId, 1);
    await settle();
    expect(eventsOf(sessionId)).toHaveLength(1);
    expect(expired!.event).toMatchObject({ type: "checkout.expired", sessionId, reservationId: request.reservationId });
  });

  it("a payment already under way when the checkout closes still reports, and no expiry is announced", async () => {
    const { sessionId } = await provider.openCheckout(checkoutRequest());
    const paid = await provider.pay(sessionId, CARDS.slow);
    await provider.closeCheckout(sessionId);
    const [delivery] = await waitForEvents(sessionId, 1);
    await settle();
    expect(eventsOf(sessionId).map(({ event }) => event.type)).toEqual(["payment.succeeded"]);
    expect(delivery!.event).toMatchObject({ paymentRef: (paid as { paymentRef: string }).paymentRef });
    // Paying the paid checkout again answers with the same payment, closed or not.
    expect(await provider.pay(sessionId, CARDS.succeeds)).toMatchObject({
      status: "succeeded",
      paymentRef: (paid as { paymentRef: string }).paymentRef,
    });
  });

  it("closing an unknown session is harmless", async () => {
    await expect(provider.closeCheckout("tcs_00000000000000000000000000000000")).resolves.toBeUndefined();
    await expect(provider.closeCheckout("cs_test_not_ours")).resolves.toBeUndefined();
  });
});

describe("refunds", () => {
  it("refund a charge once, however often they are asked for", async () => {
    const { sessionId } = await provider.openCheckout(checkoutRequest());
    const paid = await provider.pay(sessionId, CARDS.succeeds);
    if (paid.status !== "succeeded") throw new Error(`paid: ${paid.status}`);
    const payment = { paymentRef: paid.paymentRef, amountMinor: 4_999, currency: "USD" };
    const refunds = await Promise.all([provider.refund(payment), provider.refund(payment)]);
    const later = await provider.refund(payment);
    expect(refunds[0]!.refundRef).toMatch(/^tre_[0-9a-f]{32}$/);
    expect(new Set([...refunds, later].map((refund) => refund.refundRef)).size).toBe(1);
  });

  it("refuse a payment the provider never took", async () => {
    await expect(
      provider.refund({ paymentRef: "tch_00000000000000000000000000000000", amountMinor: 1, currency: "USD" }),
    ).rejects.toThrow(/no charge/);
  });
});
