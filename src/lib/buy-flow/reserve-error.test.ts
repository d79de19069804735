import { describe, expect, it } from "vitest";
import { classifyReserveError, NETWORK_ERROR_MESSAGE } from "./reserve-error";

describe("classifyReserveError", () => {
  it.each([
    [
      { code: "CONFLICT", reason: "SOLD_OUT", message: "Sold out — every unit has been reserved." },
      { reason: "SOLD_OUT" },
    ],
    [
      {
        code: "PRECONDITION_FAILED",
        reason: "NOT_STARTED",
        message: "This sale has not started yet. It opens at 2026-01-01T10:00:00.000Z.",
      },
      { reason: "NOT_STARTED" },
    ],
    [
      { code: "PRECONDITION_FAILED", reason: "PAUSED", message: "This sale is paused. Please try again shortly." },
      { reason: "PAUSED" },
    ],
    [{ code: "PRECONDITION_FAILED", reason: "ENDED", message: "This sale has ended." }, { reason: "ENDED" }],
    [
      { code: "PRECONDITION_FAILED", message: "Something new" },
      { reason: "ERROR", message: "Something new" },
    ],
    [{ code: "UNAUTHORIZED", message: "Please sign in to continue." }, { reason: "SIGNED_OUT" }],
    [
      { code: "TOO_MANY_REQUESTS", message: "Too many attempts. Please wait 9 s and try again.", retryAfterSeconds: 9 },
      { reason: "RATE_LIMITED", retryAfterSeconds: 9 },
    ],
    [
      { code: "TOO_MANY_REQUESTS", message: "Slow down" },
      { reason: "RATE_LIMITED", retryAfterSeconds: 5 },
    ],
    [
      { code: "TOO_MANY_REQUESTS", message: "", retryAfterSeconds: 0.2 },
      { reason: "RATE_LIMITED", retryAfterSeconds: 1 },
    ],
    [{ message: "Failed to fetch" }, { reason: "ERROR", message: NETWORK_ERROR_MESSAGE }],
    [
      { code: "SERVICE_UNAVAILABLE", message: "We cannot take this request right now." },
      { reason: "ERROR", message: "We cannot take this request right now." },
    ],
    [
      { code: "SERVICE_UNAVAILABLE", message: "This sale is resuming. Please try again in 3 s.", retryAfterSeconds: 3 },
      { reason: "ERROR", message: "This sale is resuming. Please try again in 3 s." },
    ],
    [
      { code: "INTERNAL_SERVER_ERROR", message: "" },
      { reason: "ERROR", message: "Something went wrong. Please try again." },
    ],
  ])("%j → %j", (info, refusal) => {
    expect(classifyReserveError(info)).toEqual(refusal);
  });

  it("explains a missing sale in words a shopper understands", () => {
    const refusal = classifyReserveError({ code: "NOT_FOUND", message: "We could not find that sale." });
    expect(refusal.reason).toBe("ERROR");
    expect(refusal).toHaveProperty("message", expect.stringMatching(/withdrawn/));
  });
});

describe("classifyReserveError reads the reason, never the message", () => {
  it.each([
    ["PAUSED", "PRECONDITION_FAILED", "PAUSED"],
    ["ENDED", "PRECONDITION_FAILED", "ENDED"],
    ["NOT_STARTED", "PRECONDITION_FAILED", "NOT_STARTED"],
    ["SOLD_OUT", "CONFLICT", "SOLD_OUT"],
  ])("reason %s wins over the wording of the message", (reason, code, expected) => {
    expect(classifyReserveError({ code, reason, message: "Reworded for people" }).reason).toBe(expected);
  });

  it.each([
    ["CONFLICT", "You already bought this one."],
    ["PRECONDITION_FAILED", "This sale is paused. Please try again shortly."],
    ["PRECONDITION_FAILED", "This sale has ended."],
  ])("a %s without a reason is an error, whatever %j says", (code, message) => {
    expect(classifyReserveError({ code, message })).toEqual({ reason: "ERROR", message });
  });
});
