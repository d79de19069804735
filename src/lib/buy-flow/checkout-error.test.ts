import { describe, expect, it } from "vitest";
import { checkoutErrorMessage, classifyWaitlistError } from "./checkout-error";
import { NETWORK_ERROR_MESSAGE } from "./reserve-error";

describe("classifyWaitlistError", () => {
  it.each([
    [{ message: "Failed to fetch" }, { reason: "ERROR", message: NETWORK_ERROR_MESSAGE }],
    [{ code: "UNAUTHORIZED", message: "Please sign in." }, { reason: "SIGNED_OUT" }],
    [
      { code: "PRECONDITION_FAILED", message: "This sale has no waitlist: every unit is taken." },
      { reason: "CLOSED", message: "This sale has no waitlist: every unit is taken." },
    ],
    [
      { code: "CONFLICT", message: "You already have an order in this sale." },
      { reason: "HAS_ORDER", message: "You already have an order in this sale." },
    ],
    [
      { code: "TOO_MANY_REQUESTS", message: "", retryAfterSeconds: 2.2 },
      { reason: "ERROR", message: "Too many attempts. Please wait 3 s and try again." },
    ],
    [
      { code: "SERVICE_UNAVAILABLE", message: "We could not reach our stock right now." },
      { reason: "ERROR", message: "We could not reach our stock right now." },
    ],
    [
      { code: "INTERNAL_SERVER_ERROR", message: "" },
      { reason: "ERROR", message: "Something went wrong. Please try again." },
    ],
  ])("%j → %j", (info, refusal) => {
    expect(classifyWaitlistError(info)).toEqual(refusal);
  });
});

describe("checkoutErrorMessage", () => {
  it.each([
    [{ message: "Failed to fetch" }, NETWORK_ERROR_MESSAGE],
    [{ code: "UNAUTHORIZED", message: "x" }, "Your session has ended. Sign in again to continue."],
    [{ code: "TOO_MANY_REQUESTS", message: "x" }, "Too many attempts. Please wait 5 s and try again."],
    [
      { code: "PRECONDITION_FAILED", message: "You have no unit on hold in this sale." },
      "You have no unit on hold in this sale.",
    ],
    [{ code: "CONFLICT", message: "This order is already paid." }, "This order is already paid."],
    [{ code: "INTERNAL_SERVER_ERROR", message: "" }, "Something went wrong. Please try again."],
  ])("%j → %s", (info, message) => {
    expect(checkoutErrorMessage(info)).toBe(message);
  });
});
