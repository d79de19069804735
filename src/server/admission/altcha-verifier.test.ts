import { solveChallenge, verifySolution, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { describe, expect, it } from "vitest";
import { ALTCHA_CHALLENGE_TTL_MS, altchaKeysFrom, createAltchaVerifier } from "./altcha-verifier";

const HMAC_KEY = "unit-test-altcha-key";
const sale = { saleId: "sale_a", userId: "user_a" };

/** What the widget sends: base64 of { challenge, solution }. */
function payloadOf(challenge: Challenge, solution: { counter: number; derivedKey: string }): string {
  return Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
}

async function solved(verifier = createAltchaVerifier({ hmacKey: HMAC_KEY }), cost = 200, binding = sale) {
  const offer = await verifier.issue({ ...binding, cost });
  if (offer.kind !== "altcha") throw new Error(`expected an altcha offer, got ${offer.kind}`);
  const challenge = offer.challenge as unknown as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("the solver found no solution");
  return { challenge, solution, payload: payloadOf(challenge, solution) };
}

const verify = (solution: string, binding = sale, verifier = createAltchaVerifier({ hmacKey: HMAC_KEY })) =>
  verifier.verify({ ...binding, solution, remoteIp: null });

describe("ALTCHA verifier", () => {
  it("issues a signed v2 challenge bound to the sale and shopper, whose counter stays within the cost", async () => {
    const { challenge, solution } = await solved(undefined, 50);
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(challenge.parameters).toMatchObject({ algorithm: "SHA-256", data: { saleId: "sale_a", userId: "user_a" } });
    expect(solution.counter).toBeGreaterThanOrEqual(1);
    expect(solution.counter).toBeLessThanOrEqual(50);
  });

  it("accepts a real solution, with a stable id and the challenge's expiry", async () => {
    const before = Date.now();
    const { payload } = await solved();
    const first = await verify(payload);
    const second = await verify(payload);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.id).toMatch(/^[0-9a-f]{32}$/);
    // Verification does not remember anything: reuse is for the sale's atomic step to refuse.
    expect(second).toEqual(first);
    expect(first.expiresAt).toBeGreaterThan(before + ALTCHA_CHALLENGE_TTL_MS - 2_000);
    expect(first.expiresAt).toBeLessThanOrEqual(Date.now() + ALTCHA_CHALLENGE_TTL_MS);
  });

  it("gives different challenges different ids", async () => {
    const [a, b] = await Promise.all([solved(), solved()]);
    const [va, vb] = await Promise.all([verify(a.payload), verify(b.payload)]);
    expect(va.ok && vb.ok && va.id !== vb.id).toBe(true);
  });

  it("refuses a challenge signed with another key", async () => {
    const { payload } = await solved(createAltchaVerifier({ hmacKey: "someone-elses-key" }));
    expect(await verify(payload)).toEqual({ ok: false, reason: "CHALLENGE_INVALID" });
  });

  it("refuses parameters altered after signing (the binding rewritten to another sale)", async () => {
    const { challenge, solution } = await solved();
    const forged = {
      ...challenge,
      parameters: { ...challenge.parameters, data: { saleId: "sale_b", userId: "user_a" } },
    };
    expect(await verify(payloadOf(forged, solution), { saleId: "sale_b", userId: "user_a" })).toEqual({
      ok: false,
      reason: "CHALLENGE_INVALID",
    });
  });

  it("refuses a wrong solution to a genuine challenge", async () => {
    const { challenge, solution } = await solved();
    const wrongKey = solution.derivedKey.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    expect(await verify(payloadOf(challenge, { counter: solution.counter, derivedKey: wrongKey }))).toEqual({
      ok: false,
      reason: "CHALLENGE_INVALID",
    });
  });

  it("refuses a solution for another sale or another shopper", async () => {
    const { payload } = await solved();
    expect(await verify(payload, { saleId: "sale_b", userId: "user_a" })).toEqual({
      ok: false,
      reason: "CHALLENGE_INVALID",
    });
    expect(await verify(payload, { saleId: "sale_a", userId: "user_b" })).toEqual({
      ok: false,
      reason: "CHALLENGE_INVALID",
    });
  });

  it("refuses an expired challenge", async () => {
    let now = Date.now();
    const verifier = createAltchaVerifier({ hmacKey: HMAC_KEY, now: () => now });
    const { payload } = await solved(verifier);
    expect((await verify(payload, sale, verifier)).ok).toBe(true);
    now += ALTCHA_CHALLENGE_TTL_MS + 1_000;
    expect(await verify(payload, sale, verifier)).toEqual({ ok: false, reason: "CHALLENGE_INVALID" });
  });

  it("refuses garbage: not base64 JSON, the widget's test-mode payload, the wrong shape, oversized", async () => {
    const testMode = Buffer.from(JSON.stringify({ challenge: null, solution: null, test: true })).toString("base64");
    const wrongShape = Buffer.from(JSON.stringify({ challenge: { parameters: {} }, solution: 1 })).toString("base64");
    for (const garbage of [
      "",
      "not base64 at all %%%",
      Buffer.from("{").toString("base64"),
      testMode,
      wrongShape,
      "A".repeat(5_000),
    ]) {
      expect(await verify(garbage)).toEqual({ ok: false, reason: "CHALLENGE_INVALID" });
    }
  });

  it("refuses a challenge whose hex fields are malformed instead of throwing", async () => {
    const { challenge, solution } = await solved();
    const broken = { ...challenge, parameters: { ...challenge.parameters, nonce: "zz" } };
    expect(await verify(payloadOf(broken, { ...solution, derivedKey: "xyz" }))).toEqual({
      ok: false,
      reason: "CHALLENGE_INVALID",
    });
  });
});

describe("ALTCHA verifier against altcha-lib's own verifySolution", () => {
  it("agrees with the library on genuine, tampered and malformed solutions", async () => {
    const keys = altchaKeysFrom(HMAC_KEY);
    const { challenge, solution } = await solved();
    const flip = (hex: string) => hex.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    const cases: Array<[string, Challenge, { counter: number; derivedKey: string }]> = [
      ["genuine", challenge, solution],
      ["signature altered", { ...challenge, signature: flip(challenge.signature!) }, solution],
      ["parameter altered", { ...challenge, parameters: { ...challenge.parameters, keyPrefix: "00" } }, solution],
      [
        "key signature removed",
        { ...challenge, parameters: { ...challenge.parameters, keySignature: undefined } },
        solution,
      ],
      ["wrong derived key", challenge, { ...solution, derivedKey: flip(solution.derivedKey) }],
      ["upper-case derived key", challenge, { ...solution, derivedKey: solution.derivedKey.toUpperCase() }],
      ["odd-length derived key", challenge, { ...solution, derivedKey: solution.derivedKey.slice(1) }],
      ["counter beyond uint32", challenge, { ...solution, counter: 2 ** 32 }],
    ];
    for (const [label, candidate, answer] of cases) {
      const library = await verifySolution({
        challenge: candidate,
        solution: answer,
        deriveKey,
        hmacSignatureSecret: keys.challenge,
        hmacKeySignatureSecret: keys.derivedKey,
      });
      const ours = await verify(payloadOf(candidate, answer));
      expect({ label, ok: ours.ok }).toEqual({ label, ok: library.verified });
    }
  });
});
