// Admission: challenges, the shopper's origin and the allowances, as one gate the buy path and the
// lobby ask before the sale's atomic step. The design is in docs/fair-opening.md.
import type { Logger } from "~/server/logger";
import { createAltchaVerifier } from "./altcha-verifier";
import type { ChallengeConfig } from "./config";
import { createTurnstileVerifier } from "./turnstile-verifier";
import type { ChallengeVerifier } from "./types";

export { challengeConfigFromEnv, deriveAltchaHmacKey, type ChallengeConfig, type ChallengeEnv } from "./config";
export { createAdmissionGate, type AdmissionGateDeps } from "./gate";
export { ALTCHA_CHALLENGE_TTL_MS } from "./altcha-verifier";
export { TURNSTILE_TEST_SECRETS } from "./turnstile-verifier";
export * from "./types";

/** The verifier a configuration names; `logger` hears about Turnstile being unreachable or misconfigured. */
export function createChallengeVerifier(config: ChallengeConfig, deps: { logger?: Logger } = {}): ChallengeVerifier {
  switch (config.kind) {
    case "altcha":
      return createAltchaVerifier({ hmacKey: config.hmacKey });
    case "turnstile":
      return createTurnstileVerifier({ ...config, logger: deps.logger });
  }
}
