import { describe, expect, it } from "vitest";
import { signInErrorMessage } from "./messages";

describe("signInErrorMessage", () => {
  it("says nothing without an error", () => {
    expect(signInErrorMessage(undefined)).toBeNull();
  });

  it("explains known Auth.js errors and development sign-in codes", () => {
    expect(signInErrorMessage("Verification")).toMatch(/expired or was already used/);
    expect(signInErrorMessage("CredentialsSignin", "invalid_email")).toMatch(/valid email address/);
    expect(signInErrorMessage("CredentialsSignin", "dev_login_disabled")).toMatch(/switched off/);
    expect(signInErrorMessage("CredentialsSignin", "something-else")).toMatch(/did not work/);
  });

  it("never echoes an unknown value from the query string", () => {
    const message = signInErrorMessage("<script>alert(1)</script>");
    expect(message).toMatch(/not available right now/);
    expect(message).not.toContain("script");
    expect(signInErrorMessage("toString")).toMatch(/not available right now/);
  });
});
