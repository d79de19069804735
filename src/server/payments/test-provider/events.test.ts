import { describe, expect, it } from "vitest";
import { WebhookPayloadError } from "~/server/payments/provider";
import { readTestWireEvent, type TestWireEvent } from "./events";

const EVENT_ID = "tev_0123456789abcdef0123456789abcdef";
const SESSION_ID = "tcs_fedcba9876543210fedcba9876543210";

const succeeded: TestWireEvent = {
  id: EVENT_ID,
  type: "payment.succeeded",
  created: 1_767_225_600,
  data: {
    sessionId: SESSION_ID,
    reservationId: "rsv_0b6f1c2d3e4f5a6b7c8d9e0f1a2b3c4d",
    paymentRef: "tch_00112233445566778899aabbccddeeff",
    amountMinor: 4_999,
    currency: "USD",
  },
};

describe("reading a verified test provider event", () => {
  it("maps each event type onto the checkout's PaymentEvent", () => {
    expect(readTestWireEvent(JSON.stringify(succeeded))).toEqual({
      id: EVENT_ID,
      type: "payment.succeeded",
      sessionId: SESSION_ID,
      reservationId: "rsv_0b6f1c2d3e4f5a6b7c8d9e0f1a2b3c4d",
      paymentRef: "tch_00112233445566778899aabbccddeeff",
      amountMinor: 4_999,
      currency: "USD",
    });
    const failed = {
      ...succeeded,
      type: "payment.failed",
      data: { sessionId: SESSION_ID, reservationId: "r1", reason: "No." },
    };
    expect(readTestWireEvent(JSON.stringify(failed))).toEqual({
      id: EVENT_ID,
      type: "payment.failed",
      sessionId: SESSION_ID,
      reservationId: "r1",
      reason: "No.",
    });
    const expired = { ...succeeded, type: "checkout.expired", data: { sessionId: SESSION_ID, reservationId: "r1" } };
    expect(readTestWireEvent(JSON.stringify(expired))).toEqual({
      id: EVENT_ID,
      type: "checkout.expired",
      sessionId: SESSION_ID,
      reservationId: "r1",
    });
  });

  it("acknowledges an event type it does not know as ignored", () => {
    expect(readTestWireEvent(JSON.stringify({ ...succeeded, type: "payment.disputed" }))).toEqual({
      id: EVENT_ID,
      type: "ignored",
      providerType: "payment.disputed",
    });
  });

  it.each<[string, string]>([
    ["a body that is not JSON", "{not json"],
    ["an event without an id", JSON.stringify({ ...succeeded, id: undefined })],
    [
      "a success without its payment",
      JSON.stringify({ ...succeeded, data: { ...succeeded.data, paymentRef: undefined } }),
    ],
    ["a lower-case currency", JSON.stringify({ ...succeeded, data: { ...succeeded.data, currency: "usd" } })],
    ["a negative amount", JSON.stringify({ ...succeeded, data: { ...succeeded.data, amountMinor: -1 } })],
  ])("refuses %s as a payload error", (_label, raw) => {
    expect(() => readTestWireEvent(raw)).toThrow(WebhookPayloadError);
  });
});
