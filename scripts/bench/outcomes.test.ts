import { describe, expect, it } from "vitest";
import { classifyScriptReply, classifyTrpcReply, errorCount } from "./outcomes";

const error = (code: string, message: string, httpStatus: number) =>
  JSON.stringify({ error: { json: { message, code: -32000, data: { code, httpStatus, path: "purchase.reserve" } } } });

describe("classifyTrpcReply", () => {
  it("reads the reservation status from a result", () => {
    const reserved = JSON.stringify({ result: { data: { json: { status: "RESERVED", reservationId: "rsv_1" } } } });
    expect(classifyTrpcReply(200, reserved)).toBe("RESERVED");
    const again = JSON.stringify({ result: { data: { json: { status: "ALREADY_RESERVED" } } } });
    expect(classifyTrpcReply(200, again)).toBe("ALREADY_RESERVED");
    expect(classifyTrpcReply(200, JSON.stringify({ result: { data: { json: { ok: true } } } }))).toBe("OK");
  });

  it("names the refusals the buy path gives by design", () => {
    expect(classifyTrpcReply(409, error("CONFLICT", "Sold out — every unit has been reserved.", 409))).toBe("SOLD_OUT");
    expect(classifyTrpcReply(429, error("TOO_MANY_REQUESTS", "Too many attempts.", 429))).toBe("TOO_MANY_REQUESTS");
  });

  it("keeps everything else apart as an error kind", () => {
    expect(classifyTrpcReply(409, error("CONFLICT", "Something else", 409))).toBe("CONFLICT");
    expect(classifyTrpcReply(404, error("NOT_FOUND", "No procedure", 404))).toBe("ERROR_NOT_FOUND");
    expect(classifyTrpcReply(500, error("INTERNAL_SERVER_ERROR", "boom", 500))).toBe("ERROR_INTERNAL_SERVER_ERROR");
    expect(classifyTrpcReply(502, "<html>Bad gateway</html>")).toBe("HTTP_502");
    expect(classifyTrpcReply(200, JSON.stringify({ result: { data: { json: { status: "WHAT" } } } }))).toBe(
      "UNEXPECTED_RESULT_200",
    );
  });
});

describe("classifyScriptReply", () => {
  it("takes the script's status word", () => {
    expect(classifyScriptReply(["RESERVED", "rsv_1", "1700000000000", 4])).toBe("RESERVED");
    expect(classifyScriptReply(["SOLD_OUT"])).toBe("SOLD_OUT");
    expect(classifyScriptReply("OK")).toBe("UNEXPECTED_SCRIPT_REPLY");
  });
});

describe("errorCount", () => {
  it("counts only the kinds that are not expected answers", () => {
    expect(errorCount({ RESERVED: 100, SOLD_OUT: 900, TOO_MANY_REQUESTS: 3 })).toBe(0);
    expect(errorCount({ RESERVED: 100, HTTP_502: 2, NETWORK_ERROR: 1, ERROR_NOT_FOUND: 4 })).toBe(7);
  });
});
