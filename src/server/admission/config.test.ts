import { describe, expect, it } from "vitest";
import { challengeConfigFromEnv, deriveAltchaHmacKey } from "./config";

const AUTH_SECRET = "a-session-secret-of-at-least-32-characters";

describe("challengeConfigFromEnv", () => {
  it("uses ALTCHA with a key derived from AUTH_SECRET by default: stable, and not the secret itself", () => {
    const config = challengeConfigFromEnv({ AUTH_SECRET });
    expect(config).toEqual({ kind: "altcha", hmacKey: deriveAltchaHmacKey(AUTH_SECRET) });
    expect(deriveAltchaHmacKey(AUTH_SECRET)).toBe(deriveAltchaHmacKey(AUTH_SECRET));
    expect(deriveAltchaHmacKey(AUTH_SECRET)).not.toContain(AUTH_SECRET);
    expect(deriveAltchaHmacKey(`${AUTH_SECRET}x`)).not.toBe(deriveAltchaHmacKey(AUTH_SECRET));
  });

  it("uses ALTCHA_HMAC_KEY when set", () => {
    expect(challengeConfigFromEnv({ AUTH_SECRET, ALTCHA_HMAC_KEY: "k".repeat(32) })).toEqual({
      kind: "altcha",
      hmacKey: "k".repeat(32),
    });
  });

  it("uses Turnstile when both of its keys are set", () => {
    expect(
      challengeConfigFromEnv({ AUTH_SECRET, TURNSTILE_SECRET_KEY: "secret", NEXT_PUBLIC_TURNSTILE_SITE_KEY: "site" }),
    ).toEqual({ kind: "turnstile", secretKey: "secret", siteKey: "site" });
  });

  it("refuses half a Turnstile configuration, naming what is missing", () => {
    expect(() => challengeConfigFromEnv({ AUTH_SECRET, TURNSTILE_SECRET_KEY: "secret" })).toThrow(
      /NEXT_PUBLIC_TURNSTILE_SITE_KEY.*only TURNSTILE_SECRET_KEY is set/,
    );
    expect(() => challengeConfigFromEnv({ AUTH_SECRET, NEXT_PUBLIC_TURNSTILE_SITE_KEY: "site" })).toThrow(
      /only NEXT_PUBLIC_TURNSTILE_SITE_KEY is set/,
    );
  });

  it("refuses Cloudflare's test secret on a production deployment, and allows it on a preview", () => {
    const env = {
      AUTH_SECRET,
      TURNSTILE_SECRET_KEY: "1x0000000000000000000000000000000AA",
      NEXT_PUBLIC_TURNSTILE_SITE_KEY: "1x00000000000000000000AA",
    };
    expect(() => challengeConfigFromEnv({ ...env, VERCEL_ENV: "production" })).toThrow(/test secrets/);
    expect(challengeConfigFromEnv({ ...env, VERCEL_ENV: "preview" }).kind).toBe("turnstile");
  });
});
