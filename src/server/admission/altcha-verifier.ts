// Proof of work with ALTCHA, issued and verified on this server: no outside service. The challenge
// is altcha-lib's v2 format (what the `altcha` widget v3 solves natively) in its deterministic mode:
// the server picks a secret counter in 1..cost, signs the challenge and the key that counter
// derives, and the browser must try counters until it finds the key's prefix — on average cost/2
// SHA-256 hashes. Checking a solution is two HMACs, so the shopper pays and the server does not.
// The sale and the shopper are signed into the challenge, so a solution counts for that pair only.
//
// The check is done here with node:crypto rather than altcha-lib's verifySolution, which runs each
// HMAC through WebCrypto (importKey + sign): over ten times slower per HMAC in Node, on the buy
// path of a flash sale. It is the same check — the challenge's signature over its canonical JSON,
// then the derived key's signature — and a test holds it to the library's verdicts.
import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { createChallenge, randomInt, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { z } from "zod";
import type { ChallengeOffer, ChallengeVerdict, ChallengeVerifier } from "./types";

/** How long a shopper has between fetching a challenge and using its solution. */
export const ALTCHA_CHALLENGE_TTL_MS = 10 * 60_000;

// One SHA-256 per attempt: the sale's challengeCost is the number of attempts, like ALTCHA's
// classic "maximum number", so an admin's figure means the same work whatever the browser.
const ALGORITHM = "SHA-256";
// The counter is encoded as a uint32 by both the widget and the library.
const MAX_COUNTER = 0xffffffff;
// The base64 payload of a solution is a few hundred characters; anything far longer is not ours.
const MAX_SOLUTION_LENGTH = 4096;

const payloadSchema = z.object({
  challenge: z.object({
    // Kept whole (looseObject): the signature covers every parameter, so nothing may be dropped.
    parameters: z.looseObject({
      algorithm: z.string(),
      nonce: z.string(),
      salt: z.string(),
      cost: z.number(),
      keyLength: z.number(),
      keyPrefix: z.string(),
      keySignature: z.string().optional(),
      expiresAt: z.number().optional(),
      data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    }),
    signature: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  solution: z.object({
    counter: z.number().int().nonnegative(),
    derivedKey: z.string(),
    time: z.number().optional(),
  }),
});

export interface AltchaKeys {
  /** Signs the challenge's parameters. */
  challenge: string;
  /** Signs the key the secret counter derives (the fast check of a solution). */
  derivedKey: string;
}

/** Two independent keys from one configured secret, so neither can be learnt from the other's use. */
export function altchaKeysFrom(hmacKey: string): AltchaKeys {
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", hmacKey, "", info, 32)).toString("hex");
  return { challenge: derive("stampede altcha challenge"), derivedKey: derive("stampede altcha derived key") };
}

/** The solution's single-use id: a hash of the signed challenge (its signature covers the random nonce). */
export function altchaSolutionId(signature: string): string {
  return createHash("sha256").update(signature).digest("hex").slice(0, 32);
}

// Sorted keys, recursively, undefined dropped: the JSON altcha-lib signs (its canonicalJSON).
function sortKeys(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .flatMap((key) => (record[key] === undefined ? [] : [[key, sortKeys(record[key])]])),
  );
}

const hmacHex = (key: string, data: string | Buffer) => createHmac("sha256", key).update(data).digest("hex");

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** altcha-lib's verifySolution for challenges we issue (always with a derived-key signature). */
function solutionVerifies(payload: z.infer<typeof payloadSchema>, keys: AltchaKeys): boolean {
  const { parameters, signature } = payload.challenge;
  const { counter, derivedKey } = payload.solution;
  if (!sameText(signature, hmacHex(keys.challenge, JSON.stringify(sortKeys(parameters))))) return false;
  if (typeof parameters.keySignature !== "string") return false;
  if (!/^(?:[0-9a-f]{2})+$/.test(derivedKey) || counter > MAX_COUNTER) return false;
  return sameText(parameters.keySignature, hmacHex(keys.derivedKey, Buffer.from(derivedKey, "hex")));
}

function decodePayload(solution: string): z.infer<typeof payloadSchema> | null {
  if (solution.length === 0 || solution.length > MAX_SOLUTION_LENGTH) return null;
  try {
    const json: unknown = JSON.parse(Buffer.from(solution, "base64").toString("utf8"));
    const parsed = payloadSchema.safeParse(json);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function createAltchaVerifier(options: { hmacKey: string; now?: () => number }): ChallengeVerifier {
  if (!options.hmacKey) throw new Error("The ALTCHA verifier needs an HMAC key.");
  const keys = altchaKeysFrom(options.hmacKey);
  const now = options.now ?? Date.now;
  const invalid: ChallengeVerdict = { ok: false, reason: "CHALLENGE_INVALID" };

  return {
    kind: "altcha",

    async issue({ saleId, userId, cost }): Promise<ChallengeOffer> {
      const maxCounter = Math.min(MAX_COUNTER, Math.max(1, Math.floor(cost)));
      const challenge: Challenge = await createChallenge({
        algorithm: ALGORITHM,
        cost: 1,
        counter: randomInt(maxCounter),
        deriveKey,
        data: { saleId, userId },
        expiresAt: new Date(now() + ALTCHA_CHALLENGE_TTL_MS),
        hmacSignatureSecret: keys.challenge,
        hmacKeySignatureSecret: keys.derivedKey,
      });
      return { kind: "altcha", challenge: { parameters: challenge.parameters, signature: challenge.signature } };
    },

    verify({ saleId, userId, solution }): Promise<ChallengeVerdict> {
      const payload = decodePayload(solution);
      if (!payload) return Promise.resolve(invalid);
      const { parameters, signature } = payload.challenge;
      const expiresAtMs = (parameters.expiresAt ?? 0) * 1000;
      if (expiresAtMs <= now() || !solutionVerifies(payload, keys)) return Promise.resolve(invalid);
      // The binding is read only after the signature vouched for it.
      if (parameters.data?.saleId !== saleId || parameters.data.userId !== userId) return Promise.resolve(invalid);
      return Promise.resolve({ ok: true, id: altchaSolutionId(signature), expiresAt: expiresAtMs });
    },
  };
}
