import { describe, expect, it } from "vitest";
import { classifyAnswer, isTransient, type AnswerKind } from "./answers";

const at = 1_000;
const error = (code: string, data: Record<string, unknown> = {}) =>
  JSON.stringify({ error: { json: { message: "m", code: -32000, data: { code, ...data } } } });

describe("classifyAnswer", () => {
  it("reads a reservation and its id", () => {
    const text = JSON.stringify({ result: { data: { json: { status: "RESERVED", reservationId: "rsv_1" } } } });
    expect(classifyAnswer({ at, status: 200, retryAfter: null, text })).toMatchObject({
      kind: "RESERVED",
      reservationId: "rsv_1",
    });
    const again = JSON.stringify({
      result: { data: { json: { status: "ALREADY_RESERVED", reservationId: "rsv_1" } } },
    });
    expect(classifyAnswer({ at, status: 200, retryAfter: null, text: again }).kind).toBe("ALREADY_RESERVED");
  });

  it("tells resuming, busy and a limiter outage apart, with the wait from the body or the header", () => {
    const resuming = error("SERVICE_UNAVAILABLE", { reason: "RESUMING", retryAfterSeconds: 3 });
    expect(classifyAnswer({ at, status: 503, retryAfter: null, text: resuming })).toMatchObject({
      kind: "RESUMING",
      retryAfterSeconds: 3,
    });
    const busy = error("SERVICE_UNAVAILABLE", { reason: "BUSY" });
    expect(classifyAnswer({ at, status: 503, retryAfter: "1", text: busy })).toMatchObject({
      kind: "BUSY",
      retryAfterSeconds: 1,
    });
    expect(classifyAnswer({ at, status: 503, retryAfter: null, text: error("SERVICE_UNAVAILABLE") }).kind).toBe(
      "UNAVAILABLE",
    );
  });

  it("names sold out, not found and internal errors; a body that is not JSON is judged by its status", () => {
    expect(
      classifyAnswer({ at, status: 409, retryAfter: null, text: error("CONFLICT", { reason: "SOLD_OUT" }) }).kind,
    ).toBe("SOLD_OUT");
    expect(classifyAnswer({ at, status: 404, retryAfter: null, text: error("NOT_FOUND") }).kind).toBe("NOT_FOUND");
    expect(classifyAnswer({ at, status: 500, retryAfter: null, text: error("INTERNAL_SERVER_ERROR") }).kind).toBe(
      "INTERNAL",
    );
    expect(classifyAnswer({ at, status: 502, retryAfter: null, text: "Bad Gateway" }).kind).toBe("INTERNAL");
  });

  it("retries only what passes with time", () => {
    const transient: AnswerKind[] = ["RESUMING", "BUSY", "UNAVAILABLE", "RATE_LIMITED", "INTERNAL", "NETWORK"];
    const final: AnswerKind[] = ["RESERVED", "ALREADY_RESERVED", "SOLD_OUT", "NOT_FOUND", "PRECONDITION_FAILED"];
    expect(transient.filter((kind) => !isTransient(kind))).toEqual([]);
    expect(final.filter((kind) => isTransient(kind))).toEqual([]);
  });
});
