// The payment webhook route with the test provider's real signature check in front of a recording
// handler: what is refused never reaches the checkout, and only a handled event is acknowledged.
import { describe, expect, it } from "vitest";
import { createLogger, type LogFields } from "~/server/logger";
import type { PaymentEvent, PaymentProvider } from "~/server/payments/provider";
import { readTestWireEvent, type TestWireEvent } from "~/server/payments/test-provider/events";
import { signTestWebhook, TEST_SIGNATURE_HEADER, verifyTestWebhook } from "~/server/payments/test-provider/signature";
import { createPaymentWebhookRoute } from "./payment-webhook-route";

const SECRET = "the-route-test-webhook-secret-0123456789";
const now = () => Math.floor(Date.now() / 1000);

/** Only readWebhook matters to the route; the rest would be a bug to call. */
const provider: PaymentProvider = {
  name: "test",
  openCheckout: () => Promise.reject(new Error("not used")),
  closeCheckout: () => Promise.reject(new Error("not used")),
  refund: () => Promise.reject(new Error("not used")),
  readWebhook: (rawBody, headers) => {
    verifyTestWebhook(SECRET, rawBody, headers.get(TEST_SIGNATURE_HEADER), now());
    return Promise.resolve(readTestWireEvent(rawBody));
  },
};

function setup(handle: (event: PaymentEvent) => Promise<unknown> = () => Promise.resolve({ result: "PAID" })) {
  const handled: PaymentEvent[] = [];
  const logs: Array<{ level: string; line: string; fields: LogFields }> = [];
  const route = createPaymentWebhookRoute({
    provider,
    handle: (event) => {
      handled.push(event);
      return handle(event);
    },
    logger: createLogger({
      level: "debug",
      sink: (level, line) => logs.push({ level, line, fields: JSON.parse(line) as LogFields }),
    }),
  });
  return { route, handled, logs };
}

const event: TestWireEvent = {
  id: "tev_0123456789abcdef0123456789abcdef",
  type: "payment.succeeded",
  created: now(),
  data: {
    sessionId: "tcs_fedcba9876543210fedcba9876543210",
    reservationId: "rsv_0b6f1c2d3e4f5a6b7c8d9e0f1a2b3c4d",
    paymentRef: "tch_00112233445566778899aabbccddeeff",
    amountMinor: 4_999,
    currency: "USD",
  },
};
const body = JSON.stringify(event);

function post(rawBody: string, signature: string | null) {
  return new Request("https://stampede.example/api/payments/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { [TEST_SIGNATURE_HEADER]: signature } : {}) },
    body: rawBody,
  });
}

describe("payment webhook route", () => {
  it("answers 200 and hands the event to the checkout once per delivery", async () => {
    const { route, handled } = setup();
    const first = await route(post(body, signTestWebhook(SECRET, body, now())));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true });
    expect(handled).toEqual([{ id: event.id, type: "payment.succeeded", ...event.data }]);

    // A provider redelivers: each delivery is handed on once (the checkout is idempotent on the id).
    const again = await route(post(body, signTestWebhook(SECRET, body, now())));
    expect(again.status).toBe(200);
    expect(handled).toHaveLength(2);
    expect(handled[1]!.id).toBe(event.id);
  });

  it.each<[string, () => Request]>([
    ["a forged signature", () => post(body, signTestWebhook("not-the-secret-at-all-0123456789", body, now()))],
    ["no signature", () => post(body, null)],
    ["a tampered body", () => post(body.replace("4999", "1"), signTestWebhook(SECRET, body, now()))],
    ["a stale signature", () => post(body, signTestWebhook(SECRET, body, now() - 3_600))],
  ])("answers 400 to %s and handles nothing", async (_label, request) => {
    const { route, handled, logs } = setup();
    const response = await route(request());
    expect(response.status).toBe(400);
    expect((await response.json()) as unknown).toEqual({ error: expect.any(String) as string });
    expect(handled).toHaveLength(0);
    expect(logs.map((log) => log.fields.event)).toEqual(["payment.webhook_refused"]);
  });

  it("answers 400 to a genuine delivery whose content is unusable, and handles nothing", async () => {
    const { route, handled } = setup();
    const unusable = JSON.stringify({ ...event, data: { ...event.data, paymentRef: undefined } });
    const response = await route(post(unusable, signTestWebhook(SECRET, unusable, now())));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/paymentRef/);
    expect(handled).toHaveLength(0);
  });

  it("answers 503 when handling fails, so the provider retries, and logs it once without the secret", async () => {
    const { route, handled, logs } = setup(() => Promise.reject(new Error("database unreachable\nstack…")));
    const signature = signTestWebhook(SECRET, body, now());
    const response = await route(post(body, signature));
    expect(response.status).toBe(503);
    expect(handled).toHaveLength(1);
    expect(logs).toHaveLength(1);
    expect(logs[0]!.level).toBe("error");
    expect(logs[0]!.fields).toMatchObject({
      event: "payment.webhook_failed",
      provider: "test",
      eventId: event.id,
      type: "payment.succeeded",
      message: "database unreachable",
    });
    expect(logs[0]!.line).not.toContain(SECRET);
    expect(logs[0]!.line).not.toContain(signature);
  });

  it("answers 503 when the provider itself fails unexpectedly", async () => {
    const failing: PaymentProvider = {
      ...provider,
      readWebhook: () => Promise.reject(new Error("crypto unavailable")),
    };
    const logs: string[] = [];
    const route = createPaymentWebhookRoute({
      provider: failing,
      handle: () => Promise.resolve(null),
      logger: createLogger({ level: "debug", sink: (_level, line) => logs.push(line) }),
    });
    expect((await route(post(body, "t=1,v1=x"))).status).toBe(503);
    expect(logs).toHaveLength(1);
  });
});
