// The admission gate: what the buy path and the lobby ask before the sale's atomic step. It
// verifies a challenge solution's signature and binding (never its reuse: the atomic step does
// that), knows the account's age when the sale has an age rule, and hands the atomic step the
// allowances from the policy table. It reads a sale's admission settings from Postgres at most once
// per few seconds per instance, so a storm of attempts costs no extra round trip per attempt; and
// the buy path does not wait on Postgres when it is slow or down (the sale's own step in Redis
// still decides whether a challenge was required).
import type { Redis } from "@upstash/redis";
import { waitUntil } from "@vercel/functions";
import type { DatabaseClient } from "~/server/db";
import { saleKeys } from "~/server/inventory/keys";
import type { Logger } from "~/server/logger";
import { admissionPolicy } from "~/server/ratelimit";
import { TtlCache } from "./ttl-cache";
import type { AdmissionGate, AdmissionResult, AdmissionStage, ChallengeOffer, ChallengeVerifier } from "./types";

/** A sale's admission settings as Postgres has them. */
interface SaleAdmission {
  challengeCost: number;
  minAccountAgeDays: number;
}

export interface AdmissionGateDeps {
  db: DatabaseClient;
  redis: Redis;
  namespace: string;
  logger: Logger;
  verifier: ChallengeVerifier;
  /** How long an instance trusts a sale's settings; an admin's change reaches every instance within it. */
  saleSettingsTtlMs?: number;
}

const SALE_SETTINGS_TTL_MS = 5_000;
// How long the buy path waits for Postgres, and how long it then stops asking.
const READ_TIMEOUT_MS = 500;
const UNREADABLE_TTL_MS = 2_000;
// An account's creation time never changes; the bound only keeps memory in check.
const ACCOUNT_AGE_TTL_MS = 10 * 60_000;

export function createAdmissionGate(deps: AdmissionGateDeps): AdmissionGate {
  const { db, redis, namespace, logger, verifier } = deps;
  const saleSettings = new TtlCache<SaleAdmission | null>({
    ttlMs: deps.saleSettingsTtlMs ?? SALE_SETTINGS_TTL_MS,
    maxEntries: 1_000,
  });
  const accountCreated = new TtlCache<number | null>({ ttlMs: ACCOUNT_AGE_TTL_MS, maxEntries: 50_000 });
  const denials = createDenialCounter(redis, namespace, logger);
  // Sales whose settings Postgres did not give lately: not asked again for a moment.
  const unreadable = new TtlCache<true>({ ttlMs: UNREADABLE_TTL_MS, maxEntries: 1_000 });

  /** null: no such sale. */
  function settingsOf(saleId: string): Promise<SaleAdmission | null> {
    return saleSettings.getOrLoad(saleId, () =>
      db.sale.findUnique({ where: { id: saleId }, select: { challengeCost: true, minAccountAgeDays: true } }),
    );
  }

  /** undefined: Postgres did not answer in time; the caller decides what that means for its step. */
  async function settingsOrUnknown(saleId: string): Promise<SaleAdmission | null | undefined> {
    if (unreadable.get(saleId)) return undefined;
    try {
      return await withTimeout(settingsOf(saleId), READ_TIMEOUT_MS);
    } catch (error) {
      unreadable.set(saleId, true);
      logger.warn("admission.sale_settings_unavailable", { saleId, message: messageOf(error) });
      return undefined;
    }
  }

  async function accountCreatedAtOf(userId: string): Promise<number | null> {
    try {
      const load = async () => {
        const user = await db.user.findUnique({ where: { id: userId }, select: { createdAt: true } });
        return user ? user.createdAt.getTime() : null;
      };
      return await withTimeout(accountCreated.getOrLoad(userId, load), READ_TIMEOUT_MS);
    } catch (error) {
      // Unknown age: a sale with an age rule then refuses, which the shopper can retry.
      logger.warn("admission.account_age_unavailable", { message: messageOf(error) });
      return null;
    }
  }

  return {
    challengeKind: verifier.kind,

    async challengeFor({ saleId, userId }): Promise<ChallengeOffer> {
      const settings = await settingsOf(saleId);
      if (!settings || settings.challengeCost <= 0) return { kind: "none" };
      return verifier.issue({ saleId, userId, cost: settings.challengeCost });
    },

    async prepare(request): Promise<AdmissionResult> {
      const { saleId, userId, origin } = request;
      const settings = await settingsOrUnknown(saleId);
      const solution = request.solution?.trim() || null;
      let challengeId: string | null = null;
      let challengeExpiresAt = 0;
      // Verified whenever the sale may ask for it; a sale that asks for none ignores a stray one
      // (the atomic step decides from the sale's own `pow` flag either way).
      if (solution && (settings === undefined || (settings !== null && settings.challengeCost > 0))) {
        const verdict = await verifier.verify({ saleId, userId, solution, remoteIp: request.clientIp });
        if (!verdict.ok) return { ok: false, reason: verdict.reason };
        challengeId = verdict.id;
        challengeExpiresAt = verdict.expiresAt;
      }
      // Only a sale with an age rule needs it; with Postgres unreadable, asking again would only
      // wait. An age left unknown is judged by the sale's atomic step, which knows the sale's rule:
      // "try again" (ACCOUNT_AGE_UNKNOWN) when it has one, nothing when it has none.
      const needsAge = settings !== undefined && settings !== null && settings.minAccountAgeDays > 0;
      const accountCreatedAt = request.accountCreatedAt ?? (needsAge ? await accountCreatedAtOf(userId) : null);
      return {
        ok: true,
        admission: {
          addressBlock: origin.addressBlock,
          deviceId: origin.deviceId,
          challengeId,
          challengeExpiresAt,
          accountCreatedAt,
          perBlock: admissionPolicy.entriesPerBlock,
          perDevice: admissionPolicy.entriesPerDevice,
        },
      };
    },

    countDenial(saleId: string, stage: AdmissionStage, reason: string): Promise<void> {
      return denials.count(saleId, `${stage}:${reason}`);
    },
  };
}

/**
 * Counts refusals into each sale's denials hash, coalescing a storm: while one HINCRBY for a field
 * is on its way, further counts for it add up in memory and go in the next one, so a bot refused a
 * thousand times a second costs a handful of Redis calls, not a thousand. Each promise settles once
 * its count is written (or given up: a lost count only shortens the report's tally).
 */
function createDenialCounter(redis: Redis, namespace: string, logger: Logger) {
  interface Pending {
    count: number;
    settle: Array<() => void>;
    sending: boolean;
  }
  const fields = new Map<string, Pending>();

  async function send(saleId: string, field: string, mapKey: string, pending: Pending): Promise<void> {
    pending.sending = true;
    while (pending.count > 0) {
      const { count, settle } = pending;
      pending.count = 0;
      pending.settle = [];
      try {
        await redis.hincrby(saleKeys(namespace, saleId).denials, field, count);
      } catch (error) {
        logger.warn("admission.denial_not_counted", { saleId, field, count, message: messageOf(error) });
      }
      for (const done of settle) done();
    }
    fields.delete(mapKey);
  }

  return {
    count(saleId: string, field: string): Promise<void> {
      const mapKey = `${saleId}\n${field}`;
      let pending = fields.get(mapKey);
      if (!pending) fields.set(mapKey, (pending = { count: 0, settle: [], sending: false }));
      pending.count += 1;
      const written = new Promise<void>((resolve) => pending.settle.push(resolve));
      // On serverless platforms the write may outlive the response; waitUntil keeps it alive.
      if (!pending.sending) waitUntil(send(saleId, field, mapKey, pending));
      return written;
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Postgres did not answer within ${ms} ms`)), ms);
    }),
  ]);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
