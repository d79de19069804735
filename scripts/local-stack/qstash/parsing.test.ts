import { describe, expect, it } from "vitest";
import { parseDuration } from "./durations";
import { parseFlowControlValue } from "./flow-control";
import { headerBag, parseDeliveryOptions, parseDestination } from "./publish";
import { bodyHash } from "./signing";

describe("header parsing", () => {
  it("reads durations in the units QStash accepts", () => {
    expect(parseDuration("30s")).toBe(30_000);
    expect(parseDuration("2m")).toBe(120_000);
    expect(parseDuration("1d")).toBe(86_400_000);
    expect(parseDuration("45")).toBe(45_000);
    expect(parseDuration("soon")).toBeUndefined();
  });

  it("reads flow control values in the client's format and the rate/period shorthand", () => {
    expect(parseFlowControlValue("k", "parallelism=2, rate=10, period=1m")).toEqual({
      key: "k",
      parallelism: 2,
      rate: 10,
      period: 60,
    });
    expect(parseFlowControlValue("k", "rate=5/10s")).toEqual({ key: "k", rate: 5, period: 10 });
    expect(typeof parseFlowControlValue("k", "parallelism=0")).toBe("string");
    expect(typeof parseFlowControlValue("k", "")).toBe("string");
  });

  it("strips Upstash-Forward- and keeps failure-callback headers apart", () => {
    const options = parseDeliveryOptions(
      headerBag({
        "Upstash-Forward-X-Tenant": "acme",
        "Upstash-Failure-Callback": "http://127.0.0.1:1/failed",
        "Upstash-Failure-Callback-Forward-X-Kind": "failure-callback",
        "Upstash-Not-Before": "1900000000",
        "Content-Type": "text/plain",
      }),
      3,
    );
    if (typeof options === "string") throw new Error(options);
    expect(options.forwardHeaders).toEqual({ "x-tenant": "acme" });
    expect(options.failureCallback?.forwardHeaders).toEqual({ "x-kind": "failure-callback" });
    expect(options.notBefore).toBe(1_900_000_000_000);
    expect(options.retries).toBe(3);
    expect(options.contentType).toBe("text/plain");
  });

  it("accepts destinations with encoded or collapsed schemes and rejects non-URLs", () => {
    expect(parseDestination("http%3A%2F%2F127.0.0.1%3A3000%2Fapi")).toBe("http://127.0.0.1:3000/api");
    expect(parseDestination("https:/example.com/x")).toBe("https://example.com/x");
    expect(parseDestination("http://127.0.0.1:3000")).toBe("http://127.0.0.1:3000");
    expect(parseDestination("my-url-group")).toBeUndefined();
    expect(parseDestination("ftp://example.com")).toBeUndefined();
  });

  it("hashes bodies as base64url SHA-256", () => {
    // SHA-256 of the empty string, base64url with padding.
    expect(bodyHash(Buffer.alloc(0))).toBe("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=");
  });
});
