// The admission gate against the real stack: a sale's challenge settings from Postgres, the
// verification before the atomic step, the account's age, and the denial counts in Redis.
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "~/server/db";
import { saleKeys } from "~/server/inventory/keys";
import { createLogger, silentLogger } from "~/server/logger";
import { admissionPolicy } from "~/server/ratelimit";
import { solvedChallenge } from "~/testing/challenges";
import { createArmedSale, createUsers } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import { createAltchaVerifier } from "./altcha-verifier";
import { createAdmissionGate } from "./gate";
import type { ChallengeVerifier } from "./types";

const h = harnessForFile();
const verifier = createAltchaVerifier({ hmacKey: "gate-test-key" });
const origin = { addressBlock: "203.0.113.0/24", deviceId: "device-a" };

function gateWith(overrides: { verifier?: ChallengeVerifier; saleSettingsTtlMs?: number } = {}) {
  return createAdmissionGate({
    db: h.db,
    redis: h.redis,
    namespace: h.namespace,
    logger: silentLogger,
    verifier: overrides.verifier ?? verifier,
    saleSettingsTtlMs: overrides.saleSettingsTtlMs,
  });
}

describe("the admission gate", () => {
  it("offers no challenge for a sale without a cost, and a bound ALTCHA challenge for one with a cost", async () => {
    const gate = gateWith();
    const [user] = await createUsers(h.db, 1);
    const free = await createArmedSale(h.deps, { challengeCost: 0 });
    const guarded = await createArmedSale(h.deps, { challengeCost: 500 });
    expect(gate.challengeKind).toBe("altcha");
    expect(await gate.challengeFor({ saleId: free.id, userId: user!.id })).toEqual({ kind: "none" });
    expect(await gate.challengeFor({ saleId: "no-such-sale", userId: user!.id })).toEqual({ kind: "none" });
    const offer = await gate.challengeFor({ saleId: guarded.id, userId: user!.id });
    expect(offer).toMatchObject({
      kind: "altcha",
      challenge: { parameters: { data: { saleId: guarded.id, userId: user!.id } } },
    });
  });

  it("prepares an admission from a valid solution: its id and expiry, the origin and the policy's allowances", async () => {
    const gate = gateWith();
    const [user] = await createUsers(h.db, 1);
    const sale = await createArmedSale(h.deps, { challengeCost: 50 });
    const solution = await solvedChallenge(verifier, { saleId: sale.id, userId: user!.id, cost: 50 });
    const verdict = await verifier.verify({ saleId: sale.id, userId: user!.id, solution, remoteIp: null });
    const result = await gate.prepare({
      saleId: sale.id,
      userId: user!.id,
      stage: "buy",
      solution,
      origin,
      clientIp: "203.0.113.9",
      accountCreatedAt: 123,
    });
    expect(verdict.ok).toBe(true);
    expect(result).toEqual({
      ok: true,
      admission: {
        ...origin,
        challengeId: verdict.ok ? verdict.id : null,
        challengeExpiresAt: verdict.ok ? verdict.expiresAt : 0,
        accountCreatedAt: 123,
        perBlock: admissionPolicy.entriesPerBlock,
        perDevice: admissionPolicy.entriesPerDevice,
      },
    });
  });

  it("refuses a forged or foreign solution before the atomic step, and admits a missing one for the step to judge", async () => {
    const gate = gateWith();
    const [user, other] = await createUsers(h.db, 2);
    const sale = await createArmedSale(h.deps, { challengeCost: 50 });
    const forOther = await solvedChallenge(verifier, { saleId: sale.id, userId: other!.id, cost: 50 });
    const forged = await solvedChallenge(createAltchaVerifier({ hmacKey: "not-ours" }), {
      saleId: sale.id,
      userId: user!.id,
      cost: 50,
    });
    const request = { saleId: sale.id, userId: user!.id, stage: "lobby" as const, origin, clientIp: null };
    expect(await gate.prepare({ ...request, solution: forOther })).toEqual({ ok: false, reason: "CHALLENGE_INVALID" });
    expect(await gate.prepare({ ...request, solution: forged })).toEqual({ ok: false, reason: "CHALLENGE_INVALID" });
    // No solution: the sale's own `pow` flag decides inside the script (CHALLENGE_REQUIRED).
    const missing = await gate.prepare({ ...request, solution: null });
    expect(missing.ok && missing.admission.challengeId).toBeNull();
  });

  it("ignores a stray solution for a sale that asks for none", async () => {
    const gate = gateWith();
    const [user] = await createUsers(h.db, 1);
    const sale = await createArmedSale(h.deps, { challengeCost: 0 });
    const result = await gate.prepare({
      saleId: sale.id,
      userId: user!.id,
      stage: "buy",
      solution: "garbage that would not verify",
      origin,
      clientIp: null,
    });
    expect(result.ok && result.admission.challengeId).toBeNull();
  });

  it("reads the account's age from Postgres only when the sale has an age rule and the session lacks it", async () => {
    const gate = gateWith();
    const [user] = await createUsers(h.db, 1);
    const created = (await h.db.user.findUniqueOrThrow({ where: { id: user!.id } })).createdAt.getTime();
    const aged = await createArmedSale(h.deps, { minAccountAgeDays: 3 });
    const ageless = await createArmedSale(h.deps);
    const prepare = (saleId: string, accountCreatedAt?: number | null) =>
      gate.prepare({ saleId, userId: user!.id, stage: "buy", origin, clientIp: null, accountCreatedAt });
    const ageOf = async (saleId: string, accountCreatedAt?: number | null) => {
      const result = await prepare(saleId, accountCreatedAt);
      return result.ok ? result.admission.accountCreatedAt : "refused";
    };
    expect(await ageOf(aged.id)).toBe(created);
    expect(await ageOf(aged.id, 42)).toBe(42);
    expect(await ageOf(ageless.id)).toBeNull();
  });

  it("trusts a sale's settings for its TTL, then sees an admin's change", async () => {
    const gate = gateWith({ saleSettingsTtlMs: 200 });
    const [user] = await createUsers(h.db, 1);
    const sale = await createArmedSale(h.deps, { challengeCost: 0 });
    expect(await gate.challengeFor({ saleId: sale.id, userId: user!.id })).toEqual({ kind: "none" });
    await h.db.sale.update({ where: { id: sale.id }, data: { challengeCost: 20 } });
    expect(await gate.challengeFor({ saleId: sale.id, userId: user!.id })).toEqual({ kind: "none" });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await gate.challengeFor({ saleId: sale.id, userId: user!.id })).kind).toBe("altcha");
  });

  it("keeps admitting while Postgres is unreachable: solutions still verified, Postgres not asked on every attempt, an unknown age retried", async () => {
    const unreachable = createPrismaClient("postgresql://nobody:none@127.0.0.1:9/none");
    const events: string[] = [];
    const logger = createLogger({
      level: "warn",
      sink: (_level, line) => events.push((JSON.parse(line) as { event: string }).event),
    });
    const gate = createAdmissionGate({ db: unreachable, redis: h.redis, namespace: h.namespace, logger, verifier });
    const [user] = await createUsers(h.db, 1);
    const sale = await createArmedSale(h.deps, { challengeCost: 50 });
    const solution = await solvedChallenge(verifier, { saleId: sale.id, userId: user!.id, cost: 50 });
    const request = { saleId: sale.id, userId: user!.id, stage: "buy" as const, origin, clientIp: null };
    const admitted = await gate.prepare({ ...request, solution, accountCreatedAt: 7 });
    expect(admitted.ok && admitted.admission.challengeId).toMatch(/^[0-9a-f]{32}$/);
    expect(admitted.ok && admitted.admission.accountCreatedAt).toBe(7);
    expect(await gate.prepare({ ...request, solution: "forged" })).toEqual({ ok: false, reason: "CHALLENGE_INVALID" });
    expect((await gate.prepare({ ...request, solution: null, accountCreatedAt: 7 })).ok).toBe(true);
    // Asked once; then remembered as unreadable for a moment.
    expect(events).toEqual(["admission.sale_settings_unavailable"]);
    // A session without the account's age: admitted here with the age unknown; the sale's atomic
    // step, which knows whether the sale has an age rule, decides (see opening.integration.test.ts).
    const unknownAge = await gate.prepare({ ...request, solution: null });
    expect(unknownAge.ok && unknownAge.admission.accountCreatedAt).toBeNull();
    await unreachable.$disconnect();
  });

  it("answers CHALLENGE_UNAVAILABLE when the verifier cannot be asked", async () => {
    const unreachable: ChallengeVerifier = {
      kind: "turnstile",
      issue: () => Promise.resolve({ kind: "turnstile", siteKey: "site", action: "a", cData: "c" }),
      verify: () => Promise.resolve({ ok: false, reason: "CHALLENGE_UNAVAILABLE" }),
    };
    const gate = gateWith({ verifier: unreachable });
    const [user] = await createUsers(h.db, 1);
    const sale = await createArmedSale(h.deps, { challengeCost: 1 });
    expect(
      await gate.prepare({
        saleId: sale.id,
        userId: user!.id,
        stage: "buy",
        solution: "token",
        origin,
        clientIp: null,
      }),
    ).toEqual({ ok: false, reason: "CHALLENGE_UNAVAILABLE" });
  });

  it("counts denials per stage and reason, every one of a burst, in few writes", async () => {
    let writes = 0;
    const counting = new Proxy(h.redis, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (property === "hincrby") writes++;
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const gate = createAdmissionGate({
      db: h.db,
      redis: counting,
      namespace: h.namespace,
      logger: silentLogger,
      verifier,
    });
    const sale = await createArmedSale(h.deps);
    await Promise.all([
      ...Array.from({ length: 200 }, () => gate.countDenial(sale.id, "buy", "RATE_LIMITED")),
      gate.countDenial(sale.id, "lobby", "CHALLENGE_INVALID"),
    ]);
    await gate.countDenial(sale.id, "buy", "RATE_LIMITED");
    expect(await h.redis.hgetall(saleKeys(h.namespace, sale.id).denials)).toEqual({
      "buy:RATE_LIMITED": 201,
      "lobby:CHALLENGE_INVALID": 1,
    });
    // 202 counts: the first of each field goes at once, the rest of the burst in one more write.
    expect(writes).toBeLessThanOrEqual(5);
  });
});
