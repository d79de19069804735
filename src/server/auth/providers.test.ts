import { describe, expect, it } from "vitest";
import { signInMethods, type ProviderEnv } from "./providers";

const production: ProviderEnv = {
  NODE_ENV: "production",
  AUTH_DEV_LOGIN: false,
  APP_URL: "https://stampede.example.com",
};
const ids = (env: ProviderEnv) => signInMethods(env).map((method) => method.id);

describe("signInMethods", () => {
  it("offers nothing in production when nothing is configured", () => {
    expect(ids(production)).toEqual([]);
  });

  it("offers an OAuth provider only when both its id and secret are set", () => {
    expect(ids({ ...production, AUTH_GITHUB_ID: "id" })).toEqual([]);
    expect(ids({ ...production, AUTH_GITHUB_SECRET: "secret" })).toEqual([]);
    expect(ids({ ...production, AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "secret" })).toEqual(["github"]);
    expect(ids({ ...production, AUTH_GOOGLE_ID: "id" })).toEqual([]);
    expect(ids({ ...production, AUTH_GOOGLE_ID: "id", AUTH_GOOGLE_SECRET: "secret" })).toEqual(["google"]);
  });

  it("offers email links only when both the SMTP server and sender are set", () => {
    expect(ids({ ...production, EMAIL_SERVER: "smtp://mail.example.com" })).toEqual([]);
    expect(ids({ ...production, EMAIL_FROM: "Stampede <no-reply@example.com>" })).toEqual([]);
    expect(ids({ ...production, EMAIL_SERVER: "smtp://mail.example.com", EMAIL_FROM: "no-reply@example.com" })).toEqual(
      ["nodemailer"],
    );
  });

  it("offers the development sign-in exactly where the policy allows it", () => {
    expect(ids({ ...production, NODE_ENV: "development" })).toEqual(["dev-login"]);
    expect(ids({ ...production, VERCEL_ENV: "preview", AUTH_DEV_LOGIN: true })).toEqual(["dev-login"]);
    expect(ids({ ...production, VERCEL_ENV: "production", AUTH_DEV_LOGIN: true })).toEqual([]);
  });

  it("lists everything configured in a stable order", () => {
    const everything: ProviderEnv = {
      ...production,
      NODE_ENV: "test",
      AUTH_GITHUB_ID: "id",
      AUTH_GITHUB_SECRET: "secret",
      AUTH_GOOGLE_ID: "id",
      AUTH_GOOGLE_SECRET: "secret",
      EMAIL_SERVER: "smtp://mail.example.com",
      EMAIL_FROM: "no-reply@example.com",
    };
    expect(signInMethods(everything)).toEqual([
      { kind: "oauth", id: "github", name: "GitHub" },
      { kind: "oauth", id: "google", name: "Google" },
      { kind: "email", id: "nodemailer", name: "Email" },
      { kind: "dev-login", id: "dev-login", name: "Development sign-in" },
    ]);
  });
});
