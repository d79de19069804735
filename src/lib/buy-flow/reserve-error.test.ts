import { describe, expect, it } from "vitest";
import { classifyReserveError, NETWORK_ERROR_MESSAGE } from "./reserve-error";

describe("classifyReserveError", () => {
  it.each([
    [{ code: "CONFLICT", message: "Sold out — every unit has been reserved." }, { reason: "SOLD_OUT" }],
    [{ code: "CONFLICT", message: "You already bought this one." }, { reason: "ALREADY_BOUGHT" }],
    [
      { code: "PRECONDITION_FAILED", message: "This sale has not started yet. It opens at 2026-01-01T10:00:00.000Z." },
      { reason: "NOT_STARTED" },
    ],
    [{ code: "PRECONDITION_FAILED", message: "This sale is paused. Please try again shortly." }, { reason: "PAUSED" }],
    [{ code: "PRECONDITION_FAILED", message: "This sale has ended." }, { reason: "ENDED" }],
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
      { code: "TOO_MANY_REQUESTS", message: "Too many attempts. Please wait 4 s and try again." },
      { reason: "RATE_LIMITED", retryAfterSeconds: 4 },
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

describe("classifyReserveError with the reason the server sends", () => {
  it.each([
    ["PAUSED", "PRECONDITION_FAILED", "PAUSED"],
    ["ENDED", "PRECONDITION_FAILED", "ENDED"],
    ["NOT_STARTED", "PRECONDITION_FAILED", "NOT_STARTED"],
    ["SOLD_OUT", "CONFLICT", "SOLD_OUT"],
  ])("reason %s wins over the wording of the message", (reason, code, expected) => {
    expect(classifyReserveError({ code, reason, message: "Reworded for people" }).reason).toBe(expected);
  });
});
