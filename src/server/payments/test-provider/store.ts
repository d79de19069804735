// The test provider's own books in Redis, apart from the shop's: checkout sessions (a day, like a
// Stripe Checkout Session), charges and their refunds (30 days). Keys: `<namespace>:testpay:…`.
// No script: each decision that must happen once (take the money for a session, refund a charge)
// is a single HSETNX, so two concurrent attempts agree on one winner.
import type { Redis } from "@upstash/redis";
import { z } from "zod";

const SESSION_TTL_SECONDS = 24 * 60 * 60;
const CHARGE_TTL_SECONDS = 30 * 24 * 60 * 60;

export interface TestSessionDetails {
  amountMinor: number;
  currency: string;
  title: string;
  reservationId: string;
  saleId: string;
  userId: string;
  successUrl: string;
  cancelUrl: string;
  /** When the shop's hold lapses (epoch ms): shown to the payer. */
  holdExpiresAt: number;
  /** When the session stops taking money by itself, unless the shop closes it first (epoch ms). */
  closesAt: number;
  createdAt: number;
}

export interface TestSessionRecord {
  id: string;
  details: TestSessionDetails;
  /** The charge that paid this session; set once. */
  paymentRef: string | null;
  /** The charge's success event has been handed to QStash. */
  notified: boolean;
  /** Closed by the shop (its hold lapsed or was let go). */
  closed: boolean;
  /** The closing has been announced with a checkout.expired event. */
  closeNotified: boolean;
  declines: number;
  lastDecline: string | null;
}

// The Upstash client turns stored JSON (and numeric strings) back into values; accept either form.
const fromJson = (value: unknown) => {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

const detailsSchema = z.object({
  amountMinor: z.number().int(),
  currency: z.string(),
  title: z.coerce.string(),
  reservationId: z.coerce.string(),
  saleId: z.coerce.string(),
  userId: z.coerce.string(),
  successUrl: z.string(),
  cancelUrl: z.string(),
  holdExpiresAt: z.number(),
  closesAt: z.number(),
  createdAt: z.number(),
}) satisfies z.ZodType<TestSessionDetails>;

const flag = z
  .unknown()
  .optional()
  .transform((value) => value !== null && value !== undefined && String(value) === "1");
const optionalText = z
  .unknown()
  .optional()
  .transform((value) => (value === null || value === undefined ? null : String(value)));
const count = z
  .unknown()
  .optional()
  .transform((value) => {
    const number = Number(value ?? 0);
    return Number.isInteger(number) && number >= 0 ? number : 0;
  });

const sessionHashSchema = z.object({
  details: z.preprocess(fromJson, detailsSchema),
  paymentRef: optionalText,
  notified: flag,
  closed: flag,
  closeNotified: flag,
  declines: count,
  lastDecline: optionalText,
});

export interface TestChargeRecord {
  sessionId: string;
  reservationId: string;
  amountMinor: number;
  currency: string;
  createdAt: number;
}

export function createTestPaymentStore(redis: Redis, namespace: string) {
  const prefix = `${namespace}:testpay`;
  const keys = {
    session: (id: string) => `${prefix}:session:${id}`,
    reservation: (reservationId: string) => `${prefix}:reservation:${reservationId}`,
    charge: (paymentRef: string) => `${prefix}:charge:${paymentRef}`,
  };

  return {
    keys,

    async writeSession(id: string, details: TestSessionDetails): Promise<void> {
      const tx = redis.multi();
      tx.hset(keys.session(id), { details: JSON.stringify(details) });
      tx.expire(keys.session(id), SESSION_TTL_SECONDS);
      await tx.exec();
    },

    async deleteSession(id: string): Promise<void> {
      await redis.del(keys.session(id));
    },

    /** Points the hold at a session: only if none is recorded (`replace` overwrites a spent one). */
    async linkReservation(reservationId: string, sessionId: string, replace: boolean): Promise<boolean> {
      const key = keys.reservation(reservationId);
      const answer = replace
        ? await redis.set(key, sessionId, { ex: SESSION_TTL_SECONDS })
        : await redis.set(key, sessionId, { ex: SESSION_TTL_SECONDS, nx: true });
      return answer === "OK";
    },

    async sessionOfReservation(reservationId: string): Promise<string | null> {
      const value = await redis.get<unknown>(keys.reservation(reservationId));
      return value === null || value === undefined ? null : String(value);
    },

    async readSession(id: string): Promise<TestSessionRecord | null> {
      const hash = await redis.hgetall<Record<string, unknown>>(keys.session(id));
      if (!hash || hash.details === undefined) return null;
      const parsed = sessionHashSchema.safeParse(hash);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => issue.path.join(".")).join(", ");
        throw new Error(`Test checkout ${id} is unreadable in Redis (${fields}).`);
      }
      return { id, ...parsed.data };
    },

    /** Takes the money for a session once: the first charge wins; everyone learns which one it was. */
    async claimCharge(sessionId: string, paymentRef: string): Promise<{ won: boolean; paymentRef: string }> {
      if ((await redis.hsetnx(keys.session(sessionId), "paymentRef", paymentRef)) === 1) {
        return { won: true, paymentRef };
      }
      const existing = await redis.hget<unknown>(keys.session(sessionId), "paymentRef");
      return { won: false, paymentRef: String(existing) };
    },

    async recordCharge(paymentRef: string, charge: TestChargeRecord): Promise<void> {
      const tx = redis.multi();
      tx.hset(keys.charge(paymentRef), { ...charge });
      tx.expire(keys.charge(paymentRef), CHARGE_TTL_SECONDS);
      await tx.exec();
    },

    async markNotified(sessionId: string, field: "notified" | "closeNotified"): Promise<void> {
      await redis.hset(keys.session(sessionId), { [field]: "1" });
    },

    async recordDecline(sessionId: string, reason: string): Promise<void> {
      const tx = redis.multi();
      tx.hincrby(keys.session(sessionId), "declines", 1);
      tx.hset(keys.session(sessionId), { lastDecline: reason });
      await tx.exec();
    },

    /** Closes a session that exists; true when this call closed it. */
    async close(sessionId: string): Promise<boolean> {
      if ((await redis.exists(keys.session(sessionId))) === 0) return false;
      return (await redis.hsetnx(keys.session(sessionId), "closed", "1")) === 1;
    },

    /** Refunds a charge once. Null when no such charge exists. */
    async refundCharge(
      paymentRef: string,
      refundRef: string,
      now: number,
    ): Promise<{ refundRef: string; created: boolean } | null> {
      const key = keys.charge(paymentRef);
      if ((await redis.exists(key)) === 0) return null;
      if ((await redis.hsetnx(key, "refundRef", refundRef)) === 1) {
        await redis.hset(key, { refundedAt: now });
        return { refundRef, created: true };
      }
      return { refundRef: String(await redis.hget<unknown>(key, "refundRef")), created: false };
    },

    async readCharge(paymentRef: string): Promise<(TestChargeRecord & { refundRef: string | null }) | null> {
      const hash = await redis.hgetall<Record<string, unknown>>(keys.charge(paymentRef));
      if (!hash || hash.sessionId === undefined) return null;
      return {
        sessionId: String(hash.sessionId),
        reservationId: String(hash.reservationId),
        amountMinor: Number(hash.amountMinor),
        currency: String(hash.currency),
        createdAt: Number(hash.createdAt),
        refundRef: hash.refundRef === undefined || hash.refundRef === null ? null : String(hash.refundRef),
      };
    },
  };
}

export type TestPaymentStore = ReturnType<typeof createTestPaymentStore>;
