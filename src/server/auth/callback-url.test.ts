import { describe, expect, it } from "vitest";
import { requestOrigin, safeCallbackPath } from "./callback-url";

describe("safeCallbackPath", () => {
  it.each([
    ["/", "/"],
    ["/orders", "/orders"],
    ["/sales/neon-sneakers?ref=home#buy", "/sales/neon-sneakers?ref=home#buy"],
    ["/admin/../orders", "/orders"],
  ])("keeps the same-origin path %s", (value, expected) => {
    expect(safeCallbackPath(value)).toBe(expected);
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["absolute URL", "https://evil.example/steal"],
    ["protocol-relative", "//evil.example/steal"],
    ["backslash host", "/\\evil.example"],
    ["tab-smuggled host", "/\t/evil.example"],
    ["newline", "/orders\nSet-Cookie: x=1"],
    ["javascript URL", "javascript:alert(1)"],
    ["relative without slash", "orders"],
    ["the sign-in page itself", "/signin?callbackUrl=/orders"],
    ["a sign-in sub-page", "/signin/check-email"],
    ["not a string", 42],
  ])("falls back to / for %s", (_name, value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });

  it("accepts an absolute URL only on the request's own origin", () => {
    const origin = "https://stampede.example.com";
    expect(safeCallbackPath("https://stampede.example.com/orders?x=1", { origin })).toBe("/orders?x=1");
    expect(safeCallbackPath("https://stampede.example.com", { origin })).toBe("/");
    expect(safeCallbackPath("https://stampede.example.com.evil.example/orders", { origin })).toBe("/");
    expect(safeCallbackPath("http://stampede.example.com/orders", { origin })).toBe("/");
    expect(safeCallbackPath("https://evil.example/orders", { origin })).toBe("/");
    expect(safeCallbackPath("https://stampede.example.com/orders")).toBe("/");
  });

  it("takes the first value when a query parameter repeats", () => {
    expect(safeCallbackPath(["/orders", "https://evil.example"])).toBe("/orders");
    expect(safeCallbackPath(["https://evil.example", "/orders"])).toBe("/");
  });
});

describe("requestOrigin", () => {
  it("prefers the forwarded host and protocol", () => {
    expect(
      requestOrigin(
        new Headers({
          host: "internal:3000",
          "x-forwarded-host": "stampede.example.com",
          "x-forwarded-proto": "https",
        }),
      ),
    ).toBe("https://stampede.example.com");
    expect(requestOrigin(new Headers({ host: "localhost:3100" }))).toBe("http://localhost:3100");
    expect(requestOrigin(new Headers())).toBeUndefined();
  });
});
