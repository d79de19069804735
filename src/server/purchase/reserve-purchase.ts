// The buy decision, front to back: answer a sold-out storm from memory, rate-limit the shopper,
// check what admission can check before the atomic step (a challenge's signature, the account's
// age), take the unit (atomically, in Redis by default, where a reused challenge and the
// allowances are decided), queue the order for Postgres, and log the decision. The shopper is answered as soon as the unit is theirs; persistence follows.
// The reserve step is handed in, so the benchmark's Postgres-only baseline replaces exactly that
// step and nothing else (see ~/server/bench).
import type { Client as QStashClient } from "@upstash/qstash";
import type { Redis } from "@upstash/redis";
import { ADMISSION_REFUSALS, type Admission, type AdmissionGate, type Origin } from "~/server/admission/types";
import type { HoldFollowUp } from "~/server/checkout/follow-up";
import { reserveUnit, type ReserveOutcome } from "~/server/inventory/reserve-unit";
import type { MissingStateVerdict } from "~/server/inventory/resume-sale";
import type { InFlightGate } from "./in-flight-gate";
import type { SoldOutCache } from "~/server/inventory/sold-out-cache";
import type { Logger } from "~/server/logger";
import type { MetricsRecorder } from "~/server/metrics/recorder";
import { traced } from "~/server/metrics/tracing";
import type { OrderPublishTarget } from "~/server/orders/qstash-destinations";
import type { RateLimitVerdict } from "~/server/ratelimit";
import { publishOrderMessage } from "./publish-order";

export interface PurchaseInput {
  saleId: string;
  userId: string;
  /** The caller's address from a trusted source, the second rate-limit key; null when unknown. */
  clientIp: string | null;
  /** The challenge solution the browser sent, if any (see ~/server/admission). */
  challenge?: string | null;
  /** The address block and device this attempt counts against; unknown when absent. */
  origin?: Origin;
  /** Epoch ms the account was created, from the session; the gate looks it up when absent. */
  accountCreatedAt?: number | null;
}

/** ReserveOutcome's admission refusals include the two the gate answers before the atomic step
 *  (CHALLENGE_INVALID, CHALLENGE_UNAVAILABLE). */
export type PurchaseOutcome =
  | ReserveOutcome
  | { ok: false; reason: "RATE_LIMITED"; retryAfterSeconds: number }
  | { ok: false; reason: "LIMITER_UNAVAILABLE" }
  /** Redis lost the sale's state; it is being re-armed (see ~/server/inventory/resume-sale). */
  | { ok: false; reason: "RESUMING"; retryAfterSeconds: number }
  /** This instance has as many attempts in flight as it takes (see ./in-flight-gate). */
  | { ok: false; reason: "BUSY"; retryAfterSeconds: number }
  /** The reserve step could not be reached (Redis down); whether it took a unit is unknown. */
  | { ok: false; reason: "UNAVAILABLE"; retryAfterSeconds: number };

/** How long a shopper is asked to wait while a sale re-arms. */
export const RESUMING_RETRY_AFTER_SECONDS = 3;

export type PurchaseRefusal = Extract<PurchaseOutcome, { ok: false }>;

/**
 * Takes one unit for one shopper, or says why not — and, asked to, queues them when none is free.
 * Must be idempotent per (sale, shopper).
 */
export type ReserveStep = (input: {
  saleId: string;
  userId: string;
  joinWaitlist?: boolean;
  /** What admission prepared; absent when the service has no gate (a baseline that ignores it). */
  admission?: Admission;
}) => Promise<ReserveOutcome>;

export interface PurchaseService {
  reserve(input: PurchaseInput): Promise<PurchaseOutcome>;
  /** Like reserve, but a shopper who finds no unit free joins the sale's waitlist (when it has one). */
  joinWaitlist(input: PurchaseInput): Promise<PurchaseOutcome>;
}

export interface PurchaseDeps {
  soldOut: SoldOutCache;
  /** Bounds the attempts in flight on this instance; absent means unbounded. */
  gate?: InFlightGate;
  rateLimit: (input: { userId: string; ip: string | null }) => Promise<RateLimitVerdict>;
  reserveStep: ReserveStep;
  /** Queues the order message; absent when the reserve step writes the order itself. */
  publish?: (reservation: Reservation) => Promise<void>;
  /** Retries a failed publish in the background, bounded, so the reconciler rarely has to. */
  retryPublish?: (reservation: Reservation, publish: () => Promise<void>) => void;
  /** Schedules a new hold's expiry and follows up units handed to the waitlist (see checkout/follow-up). */
  followUp?: HoldFollowUp;
  /** Asked when the reserve step finds no state for a sale: resuming, or really unknown. */
  onMissingState?: (saleId: string) => Promise<MissingStateVerdict>;
  /** Challenges, origin and allowances (see ~/server/admission); absent: the reserve step admits all. */
  admission?: AdmissionGate;
  /** Counts what is decided before the sale's atomic step (which counts its own answers). */
  metrics?: MetricsRecorder;
  logger: Logger;
}

export interface Reservation {
  saleId: string;
  userId: string;
  reservationId: string;
  reservedAt: Date;
}

/** The product's reserve step: reserve.lua in Redis. */
export function redisReserveStep(redis: Redis, namespace: string): ReserveStep {
  return (input) => reserveUnit(redis, { namespace, ...input });
}

/** Expiries to schedule for what a reserve step answered. */
function expiriesOf(outcome: ReserveOutcome, republish: boolean): number[] {
  if (!outcome.ok) return [];
  if (outcome.status === "ALREADY_RESERVED" && !republish) return [];
  return outcome.hold.state === "H" && outcome.hold.expiresAt ? [outcome.hold.expiresAt] : [];
}

/**
 * The product's hand-off to Postgres: one QStash message per fresh reservation. Every attempt (the
 * first and each background retry) is counted publish.ok or publish.failed.
 */
export function publishThroughQStash(
  qstash: QStashClient,
  target: () => OrderPublishTarget,
  metrics?: MetricsRecorder,
) {
  return (reservation: Reservation) =>
    traced("order.publish", reservation.saleId, async () => {
      const { saleId, userId, reservationId, reservedAt } = reservation;
      try {
        await publishOrderMessage(qstash, target(), {
          v: 1,
          saleId,
          userId,
          reservationId,
          reservedAt: reservedAt.getTime(),
        });
      } catch (error) {
        metrics?.count(saleId, "publish.failed");
        throw error;
      }
      metrics?.count(saleId, "publish.ok");
    });
}

/** Refusals of a challenge decided before the atomic step, by the event they are counted as. */
const CHALLENGE_EVENTS = {
  CHALLENGE_REQUIRED: "challenge.CHALLENGE_REQUIRED",
  CHALLENGE_INVALID: "challenge.CHALLENGE_INVALID",
} as const;

const SOLD_OUT: PurchaseOutcome = { ok: false, reason: "SOLD_OUT" };
const UNKNOWN_ORIGIN: Origin = { addressBlock: null, deviceId: null };

/** Refusals that say nothing about the sale's stock (admission answers before stock is looked at). */
function saysNothingAboutStock(outcome: ReserveOutcome): boolean {
  return !outcome.ok && (ADMISSION_REFUSALS as readonly string[]).includes(outcome.reason);
}
const BUSY: PurchaseOutcome = { ok: false, reason: "BUSY", retryAfterSeconds: 1 };
const UNAVAILABLE: PurchaseOutcome = { ok: false, reason: "UNAVAILABLE", retryAfterSeconds: 2 };
/** Shoppers whose last attempt ended without an answer from the reserve step; bounded. */
const UNSURE_CAPACITY = 10_000;
const unsureKey = (input: { saleId: string; userId: string }) => `${input.saleId}|${input.userId}`;

export function createPurchaseService(deps: PurchaseDeps): PurchaseService {
  const unsure = new Set<string>();
  /** `unsure`: this shopper's previous attempt never heard back from the reserve step. */
  async function decide(input: PurchaseInput, unsureBefore: boolean, joinWaitlist: boolean): Promise<PurchaseOutcome> {
    const verdict = await deps.rateLimit({ userId: input.userId, ip: input.clientIp });
    if (!verdict.allowed) {
      if ("limiterUnavailable" in verdict) return { ok: false, reason: "LIMITER_UNAVAILABLE" };
      // Counted for the fairness report without waiting: the refusal must stay cheap.
      void deps.admission?.countDenial(input.saleId, "buy", "RATE_LIMITED");
      deps.metrics?.count(input.saleId, "ratelimit.denied");
      return { ok: false, reason: "RATE_LIMITED", retryAfterSeconds: verdict.retryAfterSeconds };
    }

    let admission: Admission | undefined;
    if (deps.admission) {
      const prepared = await deps.admission.prepare({
        saleId: input.saleId,
        userId: input.userId,
        stage: "buy",
        solution: input.challenge,
        origin: input.origin ?? UNKNOWN_ORIGIN,
        clientIp: input.clientIp,
        accountCreatedAt: input.accountCreatedAt,
      });
      if (!prepared.ok) {
        void deps.admission.countDenial(input.saleId, "buy", prepared.reason);
        const event = CHALLENGE_EVENTS[prepared.reason as keyof typeof CHALLENGE_EVENTS];
        if (event) deps.metrics?.count(input.saleId, event);
        return { ok: false, reason: prepared.reason };
      }
      admission = prepared.admission;
    }

    let outcome: ReserveOutcome;
    try {
      outcome = await traced("purchase.reserve", input.saleId, () =>
        deps.reserveStep({ saleId: input.saleId, userId: input.userId, joinWaitlist, admission }),
      );
    } catch (error) {
      // The script may have run and its answer been lost: this shopper's retry must reach Redis
      // (which answers with the unit they hold), not the sold-out memory.
      unsure.add(unsureKey(input));
      deps.logger.error("purchase.reserve_unavailable", {
        saleId: input.saleId,
        message: error instanceof Error ? error.message.split("\n")[0] : String(error),
      });
      return UNAVAILABLE;
    }
    if (!outcome.ok && outcome.reason === "UNKNOWN_SALE" && deps.onMissingState) {
      // Never a 404 for a sale that exists: its state in Redis is missing, and it is coming back.
      const verdict = await deps.onMissingState(input.saleId).catch(() => "UNREADABLE" as const);
      // Postgres could not say whether the sale exists: never a 404 on a guess.
      if (verdict === "UNREADABLE") return UNAVAILABLE;
      if (verdict === "RESUMING") {
        return { ok: false, reason: "RESUMING", retryAfterSeconds: RESUMING_RETRY_AFTER_SECONDS };
      }
    }
    const soldOutNow = outcome.ok
      ? outcome.status === "RESERVED" && outcome.stockLeft === 0
      : outcome.reason === "SOLD_OUT" || outcome.reason === "WAITLISTED";
    // Either answer ends a revalidation (see SoldOutCache.answerFromMemory): a restock lets everyone in.
    if (soldOutNow) deps.soldOut.markSoldOut(input.saleId);
    else if (!saysNothingAboutStock(outcome)) deps.soldOut.markAvailable(input.saleId);
    // A repeat answer carries the reservation the shopper already holds; its order is already queued —
    // unless the attempt that took it lost its answer before publishing: then queue it now (the
    // deduplication id makes a second publish of the same order harmless).
    const followUp =
      deps.followUp?.(input.saleId, { expiries: expiriesOf(outcome, unsureBefore), offers: outcome.offers }) ??
      Promise.resolve();
    if (!outcome.ok || !deps.publish) {
      await followUp;
      return outcome;
    }
    if (outcome.status === "ALREADY_RESERVED" && !unsureBefore) {
      await followUp;
      return outcome;
    }

    const reservation: Reservation = {
      saleId: input.saleId,
      userId: input.userId,
      reservationId: outcome.reservationId,
      reservedAt: outcome.reservedAt,
    };
    const publish = deps.publish;
    try {
      await Promise.all([publish(reservation), followUp]);
    } catch (error) {
      // The unit stays the shopper's: the journal entry is still pending; the publish is retried in
      // the background and the scheduled reconciler persists it if that fails too. Failing the
      // request here would tempt a retry that cannot buy a second unit anyway.
      deps.logger.warn("purchase.publish_failed", {
        saleId: input.saleId,
        reservationId: outcome.reservationId,
        message: error instanceof Error ? error.message : String(error),
      });
      deps.retryPublish?.(reservation, () => publish(reservation));
    }
    return outcome;
  }

  async function attempt(input: PurchaseInput, joinWaitlist: boolean): Promise<PurchaseOutcome> {
    // After sell-out the storm is answered from memory, before the rate limiter's Redis round
    // trip and without a log line: "sold out" costs nothing to repeat and reveals nothing a
    // shopper could abuse. Joining the waitlist always reaches Redis: that is where the queue is.
    if (unsure.size > UNSURE_CAPACITY) unsure.clear();
    const unsureBefore = unsure.delete(unsureKey(input));
    if (!unsureBefore && !joinWaitlist && deps.soldOut.answerFromMemory(input.saleId)) {
      deps.metrics?.count(input.saleId, "soldout.cached");
      return SOLD_OUT;
    }
    const started = performance.now();
    const outcome = deps.gate
      ? await deps.gate.run(
          () => decide(input, unsureBefore, joinWaitlist),
          () => BUSY,
        )
      : await decide(input, unsureBefore, joinWaitlist);
    deps.logger.info("purchase.decision", {
      saleId: input.saleId,
      userId: input.userId,
      outcome: outcome.ok ? outcome.status : outcome.reason,
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
    });
    return outcome;
  }

  return {
    reserve: (input) => attempt(input, false),
    joinWaitlist: (input) => attempt(input, true),
  };
}
