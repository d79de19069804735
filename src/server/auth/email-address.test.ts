import { describe, expect, it } from "vitest";
import { devLoginInputSchema } from "./dev-login";
import { emailAddressSchema } from "./email-address";

describe("emailAddressSchema", () => {
  it("trims and lower-cases a valid address", () => {
    expect(emailAddressSchema.parse("  Shopper.One@Stampede.TEST ")).toBe("shopper.one@stampede.test");
  });

  it.each([
    ["", "Enter an email address."],
    ["   ", "Enter an email address."],
    ["shopper", "Enter a valid email address, like shopper@example.com."],
    ["shopper@", "Enter a valid email address, like shopper@example.com."],
    ["a b@stampede.test", "Enter a valid email address, like shopper@example.com."],
    [`${"a".repeat(250)}@x.io`, "That email address is too long."],
  ])("rejects %j with a sentence a shopper can act on", (input, message) => {
    const result = emailAddressSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it("explains a missing field in the development sign-in form", () => {
    expect(devLoginInputSchema.safeParse({}).error?.issues[0]?.message).toBe("Enter an email address.");
    expect(devLoginInputSchema.parse({ email: "A@B.io", csrfToken: "x" })).toEqual({ email: "a@b.io" });
  });
});
