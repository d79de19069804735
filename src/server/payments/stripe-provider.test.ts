// Stripe, offline: events built and signed as Stripe signs them, and the SDK's requests answered
// by a local stub that replays a recorded Checkout Session, so every field we send is checked.
import { readFileSync } from "node:fs";
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "~/server/logger";
import { WebhookPayloadError, WebhookSignatureError, type CheckoutRequest, type PaymentProvider } from "./provider";
import { createStripePaymentProvider } from "./stripe-provider";

const WEBHOOK_SECRET = "whsec_offline_test_secret_0123456789";
const NAMESPACE = "prod";
const recordedSession = JSON.parse(
  readFileSync(new URL("./fixtures/stripe-checkout-session.json", import.meta.url), "utf8"),
) as Stripe.Checkout.Session;
const recordedRefund = JSON.parse(
  readFileSync(new URL("./fixtures/stripe-refund.json", import.meta.url), "utf8"),
) as Stripe.Refund;

// ---- a local stand-in for api.stripe.com -----------------------------------------------------

interface StubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}
type StubAnswer = { status: number; body: unknown };
type StubRoute = (request: StubRequest) => StubAnswer;

const stub = { url: "", port: 0, requests: [] as StubRequest[], routes: new Map<string, StubRoute>() };
let server: http.Server;

const invalidRequest = (code: string, message: string): StubAnswer => ({
  status: 400,
  body: { error: { type: "invalid_request_error", code, message } },
});

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://stub");
      const request: StubRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        form: new URLSearchParams(Buffer.concat(chunks).toString("utf8")),
      };
      stub.requests.push(request);
      const route = stub.routes.get(`${request.method} ${request.path}`);
      const answer = route ? route(request) : { status: 404, body: { error: { type: "invalid_request_error" } } };
      res.writeHead(answer.status, { "content-type": "application/json", "request-id": "req_stub" });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stub.port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  stub.requests.length = 0;
  stub.routes.clear();
});

const logger = createLogger({ level: "silent" });
const NOW = Date.parse("2026-01-01T00:00:00Z");

function provider(now: () => number = () => NOW): PaymentProvider {
  return createStripePaymentProvider({
    secretKey: "sk_test_offline",
    webhookSecret: WEBHOOK_SECRET,
    namespace: NAMESPACE,
    logger,
    api: { host: "127.0.0.1", port: stub.port, protocol: "http" },
    now,
  });
}

const request: CheckoutRequest = {
  reservationId: "rsv_0b6f1c2d3e4f5a6b7c8d9e0f1a2b3c4d",
  saleId: "cmsale0000000000000000001",
  userId: "cmuser0000000000000000001",
  title: "Summer drop — limited sneaker",
  amountMinor: 4_999,
  currency: "USD",
  expiresAt: new Date(NOW + 10 * 60_000),
  successUrl: "https://stampede.example/sales/summer-drop?checkout=success",
  cancelUrl: "https://stampede.example/sales/summer-drop?checkout=cancelled",
  customerEmail: "shopper@stampede.test",
};

describe("Stripe checkout sessions, against a local stub of the API", () => {
  it("creates one payment-mode session for the hold, with every field the shop relies on", async () => {
    stub.routes.set("POST /v1/checkout/sessions", () => ({ status: 200, body: recordedSession }));
    const opened = await provider().openCheckout(request);
    expect(opened).toEqual({ sessionId: recordedSession.id, url: recordedSession.url });

    expect(stub.requests).toHaveLength(1);
    const sent = stub.requests[0]!;
    expect(sent.headers.authorization).toBe("Bearer sk_test_offline");
    expect(Object.fromEntries(sent.form)).toEqual({
      mode: "payment",
      "line_items[0][quantity]": "1",
      "line_items[0][price_data][currency]": "usd",
      "line_items[0][price_data][unit_amount]": "4999",
      "line_items[0][price_data][product_data][name]": "Summer drop — limited sneaker",
      "metadata[reservationId]": request.reservationId,
      "metadata[saleId]": request.saleId,
      "metadata[userId]": request.userId,
      "metadata[namespace]": NAMESPACE,
      "payment_intent_data[metadata][reservationId]": request.reservationId,
      "payment_intent_data[metadata][saleId]": request.saleId,
      "payment_intent_data[metadata][userId]": request.userId,
      "payment_intent_data[metadata][namespace]": NAMESPACE,
      client_reference_id: request.reservationId,
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      customer_email: "shopper@stampede.test",
      // The hold's end plus Stripe's 30-minute minimum and a minute for clock skew.
      expires_at: String(Math.ceil(request.expiresAt.getTime() / 1000) + 31 * 60),
    });
    expect(sent.headers["idempotency-key"]).toMatch(new RegExp(`^checkout-${request.reservationId}-[0-9a-f]{16}$`));
  });

  it("never asks Stripe for a session that expires sooner than its 30-minute minimum", async () => {
    stub.routes.set("POST /v1/checkout/sessions", () => ({ status: 200, body: recordedSession }));
    // A hold already over (a late retry): the session still gets Stripe's minimum lifetime.
    await provider().openCheckout({ ...request, expiresAt: new Date(NOW - 60 * 60_000) });
    const expiresAt = Number(stub.requests[0]!.form.get("expires_at"));
    expect(expiresAt - NOW / 1000).toBeGreaterThanOrEqual(30 * 60);
  });

  it("asks again for the same hold with the same idempotency key, a minute later too", async () => {
    stub.routes.set("POST /v1/checkout/sessions", () => ({ status: 200, body: recordedSession }));
    await provider(() => NOW).openCheckout(request);
    await provider(() => NOW + 60_000).openCheckout(request);
    await provider().openCheckout({ ...request, reservationId: "rsv_ffffffffffffffffffffffffffffffff" });
    const keys = stub.requests.map((sent) => sent.headers["idempotency-key"]);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(stub.requests[0]!.form.toString()).toBe(stub.requests[1]!.form.toString());
  });

  it("leaves customer_email out when the shopper has none", async () => {
    stub.routes.set("POST /v1/checkout/sessions", () => ({ status: 200, body: recordedSession }));
    await provider().openCheckout({ ...request, customerEmail: null });
    expect(stub.requests[0]!.form.has("customer_email")).toBe(false);
  });

  it("refuses a request Stripe could not honour before calling it", async () => {
    await expect(provider().openCheckout({ ...request, amountMinor: 0 })).rejects.toThrow(/amountMinor/);
    await expect(provider().openCheckout({ ...request, currency: "usd" })).rejects.toThrow(/currency/);
    await expect(provider().openCheckout({ ...request, successUrl: "/relative" })).rejects.toThrow(/successUrl/);
    expect(stub.requests).toHaveLength(0);
  });

  it("closes a session by expiring it", async () => {
    const path = `/v1/checkout/sessions/${recordedSession.id}/expire`;
    stub.routes.set(`POST ${path}`, () => ({ status: 200, body: { ...recordedSession, status: "expired" } }));
    await provider().closeCheckout(recordedSession.id);
    expect(stub.requests.map((sent) => `${sent.method} ${sent.path}`)).toEqual([`POST ${path}`]);
  });

  it.each(["expired", "complete"])("treats closing a session that is already %s as done", async (status) => {
    stub.routes.set(`POST /v1/checkout/sessions/${recordedSession.id}/expire`, () =>
      invalidRequest("checkout_session_not_open", `This Checkout Session has a status of ${status}.`),
    );
    stub.routes.set(`GET /v1/checkout/sessions/${recordedSession.id}`, () => ({
      status: 200,
      body: { ...recordedSession, status },
    }));
    await expect(provider().closeCheckout(recordedSession.id)).resolves.toBeUndefined();
  });

  it("passes on a refusal to close a session that is still open", async () => {
    stub.routes.set(`POST /v1/checkout/sessions/${recordedSession.id}/expire`, () =>
      invalidRequest("parameter_invalid", "Something else is wrong."),
    );
    stub.routes.set(`GET /v1/checkout/sessions/${recordedSession.id}`, () => ({ status: 200, body: recordedSession }));
    await expect(provider().closeCheckout(recordedSession.id)).rejects.toThrow(/Something else is wrong/);
  });

  it("refunds a payment in full, keyed by the payment so asking twice refunds once", async () => {
    stub.routes.set("POST /v1/refunds", () => ({ status: 200, body: recordedRefund }));
    const payment = { paymentRef: "pi_3QxYzAbCdEfGhIjK1vWxYzAb", amountMinor: 4_999, currency: "USD" };
    expect(await provider().refund(payment)).toEqual({ refundRef: recordedRefund.id });
    await provider().refund(payment);
    expect(stub.requests.map((sent) => Object.fromEntries(sent.form))).toEqual([
      { payment_intent: payment.paymentRef },
      { payment_intent: payment.paymentRef },
    ]);
    expect(stub.requests.map((sent) => sent.headers["idempotency-key"])).toEqual([
      `refund-${payment.paymentRef}`,
      `refund-${payment.paymentRef}`,
    ]);
  });

  it("finds the earlier refund when Stripe says the payment is already refunded", async () => {
    stub.routes.set("POST /v1/refunds", () => invalidRequest("charge_already_refunded", "Already refunded."));
    stub.routes.set("GET /v1/refunds", () => ({
      status: 200,
      body: { object: "list", data: [recordedRefund], has_more: false, url: "/v1/refunds" },
    }));
    const refunded = await provider().refund({
      paymentRef: "pi_3QxYzAbCdEfGhIjK1vWxYzAb",
      amountMinor: 1,
      currency: "USD",
    });
    expect(refunded).toEqual({ refundRef: recordedRefund.id });
    expect(stub.requests[1]!.query.get("payment_intent")).toBe("pi_3QxYzAbCdEfGhIjK1vWxYzAb");
  });
});

// ---- webhooks --------------------------------------------------------------------------------

const paidSession: Stripe.Checkout.Session = {
  ...recordedSession,
  status: "complete",
  payment_status: "paid",
  payment_intent: "pi_3QxYzAbCdEfGhIjK1vWxYzAb",
};

function stripeEvent(type: string, object: object, id = `evt_${Math.random().toString(36).slice(2)}`) {
  return JSON.stringify(
    {
      id,
      object: "event",
      api_version: "2026-10-28.endive",
      created: Math.floor(Date.now() / 1000),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    },
    null,
    2,
  );
}

function signed(payload: string, options: { secret?: string; timestamp?: number } = {}): Headers {
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    timestamp: options.timestamp,
  });
  return new Headers({ "stripe-signature": header, "content-type": "application/json" });
}

const readLive = (payload: string, headers: Headers) => provider(Date.now).readWebhook(payload, headers);

describe("Stripe webhooks", () => {
  const { reservationId } = recordedSession.metadata as { reservationId: string };

  it("reads a paid checkout.session.completed as payment.succeeded", async () => {
    const payload = stripeEvent("checkout.session.completed", paidSession, "evt_completed_1");
    expect(await readLive(payload, signed(payload))).toEqual({
      id: "evt_completed_1",
      type: "payment.succeeded",
      sessionId: recordedSession.id,
      reservationId,
      paymentRef: "pi_3QxYzAbCdEfGhIjK1vWxYzAb",
      amountMinor: 4_999,
      currency: "USD",
    });
  });

  it("reads the payment intent when Stripe sends it expanded", async () => {
    const expanded = { ...paidSession, payment_intent: { id: "pi_expanded", object: "payment_intent" } };
    const payload = stripeEvent("checkout.session.async_payment_succeeded", expanded);
    expect(await readLive(payload, signed(payload))).toMatchObject({
      type: "payment.succeeded",
      paymentRef: "pi_expanded",
    });
  });

  it("reads async_payment_succeeded as payment.succeeded and async_payment_failed as payment.failed", async () => {
    const succeeded = stripeEvent("checkout.session.async_payment_succeeded", paidSession);
    expect(await readLive(succeeded, signed(succeeded))).toMatchObject({ type: "payment.succeeded", reservationId });
    const failed = stripeEvent("checkout.session.async_payment_failed", { ...recordedSession, status: "complete" });
    expect(await readLive(failed, signed(failed))).toMatchObject({
      type: "payment.failed",
      sessionId: recordedSession.id,
      reservationId,
      reason: expect.any(String) as string,
    });
  });

  it("reads checkout.session.expired as checkout.expired", async () => {
    const payload = stripeEvent("checkout.session.expired", { ...recordedSession, status: "expired" }, "evt_exp");
    expect(await readLive(payload, signed(payload))).toEqual({
      id: "evt_exp",
      type: "checkout.expired",
      sessionId: recordedSession.id,
      reservationId,
    });
  });

  it("falls back to client_reference_id for the reservation", async () => {
    const session = { ...paidSession, metadata: { namespace: NAMESPACE } };
    const payload = stripeEvent("checkout.session.completed", session);
    expect(await readLive(payload, signed(payload))).toMatchObject({
      reservationId: recordedSession.client_reference_id,
    });
  });

  it.each<[string, string, object]>([
    [
      "a completed session still waiting for its money",
      "checkout.session.completed",
      { ...recordedSession, status: "complete" },
    ],
    [
      "another deployment's session",
      "checkout.session.completed",
      { ...paidSession, metadata: { ...paidSession.metadata, namespace: "preview-other" } },
    ],
    [
      "a session opened by something else on the account",
      "checkout.session.completed",
      { ...paidSession, metadata: {} },
    ],
    ["an event type the checkout does not use", "payment_intent.succeeded", { id: "pi_1", object: "payment_intent" }],
  ])("acknowledges %s as ignored", async (_label, type, object) => {
    const payload = stripeEvent(type, object, "evt_ignored");
    expect(await readLive(payload, signed(payload))).toEqual({
      id: "evt_ignored",
      type: "ignored",
      providerType: type,
    });
  });

  it.each<[string, object]>([
    ["a paid session without its payment intent", { ...paidSession, payment_intent: null }],
    [
      "a session of ours without a reservation",
      { ...paidSession, client_reference_id: null, metadata: { namespace: NAMESPACE } },
    ],
    ["an object that is not a Checkout Session", { id: "pi_1", object: "payment_intent" }],
  ])("refuses %s as a payload error", async (_label, object) => {
    const payload = stripeEvent("checkout.session.completed", object);
    await expect(readLive(payload, signed(payload))).rejects.toThrow(WebhookPayloadError);
  });

  it("refuses a verified body that is not JSON as a payload error", async () => {
    const payload = "{not json";
    await expect(readLive(payload, signed(payload))).rejects.toThrow(WebhookPayloadError);
  });

  describe("signatures", () => {
    const payload = stripeEvent("checkout.session.completed", paidSession);

    it("refuses a missing header", async () => {
      await expect(readLive(payload, new Headers())).rejects.toThrow(WebhookSignatureError);
    });

    it("refuses a signature made with another secret", async () => {
      await expect(readLive(payload, signed(payload, { secret: "whsec_someone_else" }))).rejects.toThrow(
        WebhookSignatureError,
      );
    });

    it("refuses a forged header", async () => {
      const forged = new Headers({ "stripe-signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` });
      await expect(readLive(payload, forged)).rejects.toThrow(WebhookSignatureError);
      await expect(readLive(payload, new Headers({ "stripe-signature": "garbage" }))).rejects.toThrow(
        WebhookSignatureError,
      );
    });

    it("refuses a body changed after signing", async () => {
      const headers = signed(payload);
      const tampered = payload.replace('"amount_total": 4999', '"amount_total": 1');
      expect(tampered).not.toBe(payload);
      await expect(readLive(tampered, headers)).rejects.toThrow(WebhookSignatureError);
    });

    it("refuses a genuine signature older than five minutes", async () => {
      const old = signed(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 });
      await expect(readLive(payload, old)).rejects.toThrow(/tolerance/);
    });
  });
});
