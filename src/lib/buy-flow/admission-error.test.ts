import { describe, expect, it } from "vitest";
import { admissionProblemOf, challengeMessage, limitMessage } from "./admission-error";
import { classifyWaitlistError } from "./checkout-error";
import { classifyReserveError } from "./reserve-error";

describe("admissionProblemOf", () => {
  it.each(["CHALLENGE_REQUIRED", "CHALLENGE_INVALID", "CHALLENGE_REPLAYED", "CHALLENGE_UNAVAILABLE"] as const)(
    "reads %s as a challenge problem, retried with a fresh challenge",
    (reason) => {
      expect(admissionProblemOf(reason)).toEqual({
        reason: "CHALLENGE",
        problem: reason,
        message: challengeMessage(reason),
      });
    },
  );

  it.each(["BLOCK_LIMIT", "DEVICE_LIMIT", "ACCOUNT_TOO_NEW"] as const)("reads %s as a limit", (reason) => {
    expect(admissionProblemOf(reason)).toMatchObject({ reason: "LIMIT", limit: reason });
  });

  it.each([undefined, "SOLD_OUT", "PAUSED", "challenge_replayed", ""])("names nothing for %j", (reason) => {
    expect(admissionProblemOf(reason)).toBeNull();
  });
});

describe("the words", () => {
  it("asks for a retry on every challenge problem the shopper can fix", () => {
    for (const problem of [
      "CHALLENGE_REQUIRED",
      "CHALLENGE_INVALID",
      "CHALLENGE_REPLAYED",
      "CHALLENGE_UNSOLVED",
    ] as const)
      expect(challengeMessage(problem)).toMatch(/Try again/);
  });

  it("says what a limit is about and never offers a retry", () => {
    expect(limitMessage("BLOCK_LIMIT")).toMatch(/internet connection/);
    expect(limitMessage("DEVICE_LIMIT")).toMatch(/device/);
    for (const limit of ["BLOCK_LIMIT", "DEVICE_LIMIT", "ACCOUNT_TOO_NEW"] as const)
      expect(limitMessage(limit)).not.toMatch(/try again/i);
  });

  it("names the sale's minimum account age when it is known", () => {
    expect(limitMessage("ACCOUNT_TOO_NEW", { minAccountAgeDays: 30 })).toMatch(/at least 30 days old/);
    expect(limitMessage("ACCOUNT_TOO_NEW", { minAccountAgeDays: 1 })).toMatch(/at least 1 day old/);
    expect(limitMessage("ACCOUNT_TOO_NEW")).toMatch(/older than a set age/);
  });
});

describe("admission refusals through the classifiers", () => {
  it.each([
    ["BAD_REQUEST", "CHALLENGE_REPLAYED", "CHALLENGE"],
    ["BAD_REQUEST", "CHALLENGE_REQUIRED", "CHALLENGE"],
    ["BAD_REQUEST", "CHALLENGE_INVALID", "CHALLENGE"],
    ["SERVICE_UNAVAILABLE", "CHALLENGE_UNAVAILABLE", "CHALLENGE"],
    ["FORBIDDEN", "BLOCK_LIMIT", "LIMIT"],
    ["FORBIDDEN", "DEVICE_LIMIT", "LIMIT"],
    ["FORBIDDEN", "ACCOUNT_TOO_NEW", "LIMIT"],
  ])("a %s with reason %s is a %s problem for a reservation and a join", (code, reason, expected) => {
    const info = { code, reason, message: "Server words" };
    expect(classifyReserveError(info).reason).toBe(expected);
    expect(classifyWaitlistError(info).reason).toBe(expected);
  });

  it("passes the sale's minimum age into the words", () => {
    const refusal = classifyReserveError(
      { code: "FORBIDDEN", reason: "ACCOUNT_TOO_NEW", message: "Too new" },
      { minAccountAgeDays: 7 },
    );
    expect(refusal).toMatchObject({ reason: "LIMIT", message: expect.stringMatching(/7 days/) });
  });

  it("keeps a FORBIDDEN without an admission reason an ordinary error", () => {
    expect(classifyReserveError({ code: "FORBIDDEN", message: "No." })).toEqual({ reason: "ERROR", message: "No." });
    expect(classifyReserveError({ code: "BAD_REQUEST", message: "Invalid input" })).toEqual({
      reason: "ERROR",
      message: "Invalid input",
    });
  });
});

describe("a fair draw's timing", () => {
  it.each([
    ["PRECONDITION_FAILED", "LOBBY_OPEN", { reason: "LOBBY_OPEN" }],
    ["PRECONDITION_FAILED", "LOBBY_NOT_OPEN", { reason: "LOBBY_NOT_OPEN" }],
    ["CONFLICT", "LOBBY_NOT_OPEN", { reason: "LOBBY_NOT_OPEN" }],
  ])("%s with %s → %j", (code, reason, expected) => {
    expect(classifyReserveError({ code, reason, message: "Enter the lobby" })).toEqual(expected);
  });

  it("tells a late entrant the draw has run, in our words", () => {
    for (const code of ["PRECONDITION_FAILED", "CONFLICT"])
      expect(classifyReserveError({ code, reason: "DRAWN", message: "DRAWN" })).toMatchObject({
        reason: "DRAWN",
        message: expect.stringMatching(/draw has already run/),
      });
  });
});
