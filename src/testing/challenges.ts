// Challenges in tests: the verifier the test services use (ALTCHA with a fixed key), and solving a
// sale's challenge the way the browser's widget does — ask the verifier for a challenge bound to
// the sale and shopper, find the counter, send back the widget's payload (base64 of { challenge,
// solution }). Keep test sales' challengeCost small: solving takes about cost/2 SHA-256 rounds.
// No test runner imports here: scripts load this too.
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { createChallengeVerifier } from "~/server/admission";
import type { ChallengeVerifier } from "~/server/admission/types";

/** The ALTCHA key test services sign challenges with. */
export const TEST_CHALLENGE_HMAC_KEY = "test-challenge-hmac-key";

export function testChallengeVerifier(): ChallengeVerifier {
  return createChallengeVerifier({ kind: "altcha", hmacKey: TEST_CHALLENGE_HMAC_KEY });
}

export async function solvedChallenge(
  verifier: ChallengeVerifier,
  input: { saleId: string; userId: string; cost: number },
): Promise<string> {
  const offer = await verifier.issue(input);
  if (offer.kind !== "altcha") throw new Error(`expected an ALTCHA challenge, got ${offer.kind}`);
  const challenge = offer.challenge as unknown as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("the solver found no solution");
  return Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
}
