// Which challenge this deployment asks for, from the validated environment: Cloudflare Turnstile
// when both its keys are set, otherwise ALTCHA proof of work signed with a key of its own. The
// ALTCHA key and the Turnstile secret stay on the server: neither is a NEXT_PUBLIC_ variable, and
// neither is ever logged.
import { hkdfSync } from "node:crypto";
import { TURNSTILE_TEST_SECRETS } from "./turnstile-verifier";

export type ChallengeConfig =
  { kind: "altcha"; hmacKey: string } | { kind: "turnstile"; secretKey: string; siteKey: string; fetch?: typeof fetch };

export interface ChallengeEnv {
  AUTH_SECRET: string;
  ALTCHA_HMAC_KEY?: string;
  TURNSTILE_SECRET_KEY?: string;
  NEXT_PUBLIC_TURNSTILE_SITE_KEY?: string;
  VERCEL_ENV?: "production" | "preview" | "development";
}

const ALTCHA_KEY_INFO = "stampede altcha challenges";

/** ALTCHA's signing key derived one-way from AUTH_SECRET, so a deployment needs no extra variable. */
export function deriveAltchaHmacKey(authSecret: string): string {
  return Buffer.from(hkdfSync("sha256", authSecret, "", ALTCHA_KEY_INFO, 32)).toString("hex");
}

export function challengeConfigFromEnv(env: ChallengeEnv): ChallengeConfig {
  const secretKey = env.TURNSTILE_SECRET_KEY;
  const siteKey = env.NEXT_PUBLIC_TURNSTILE_SITE_KEY;
  if (secretKey && siteKey) {
    if (env.VERCEL_ENV === "production" && TURNSTILE_TEST_SECRETS.includes(secretKey)) {
      throw new Error(
        "TURNSTILE_SECRET_KEY is one of Cloudflare's test secrets, which pass every browser: refused on a " +
          "production deployment. Use the widget's own keys from the Cloudflare dashboard, or unset both " +
          "Turnstile variables to use ALTCHA.",
      );
    }
    return { kind: "turnstile", secretKey, siteKey };
  }
  if (secretKey || siteKey) {
    // Half a configuration is a mistake worth stopping for, not a reason to switch verifier silently.
    throw new Error(
      `Turnstile needs both TURNSTILE_SECRET_KEY and NEXT_PUBLIC_TURNSTILE_SITE_KEY; only ${
        secretKey ? "TURNSTILE_SECRET_KEY" : "NEXT_PUBLIC_TURNSTILE_SITE_KEY"
      } is set. Set the other, or unset it to use ALTCHA.`,
    );
  }
  return { kind: "altcha", hmacKey: env.ALTCHA_HMAC_KEY ?? deriveAltchaHmacKey(env.AUTH_SECRET) };
}
