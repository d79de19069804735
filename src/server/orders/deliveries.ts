// What happens to reservations on their way to Postgres: a delivery (or the reconciler) persists a
// batch, the journal entries that are done are removed, and a reservation that can never become an
// order — its shopper no longer exists — gives its unit back and that shopper's session is refused.
import type { Redis } from "@upstash/redis";
import type { RevokedUsers } from "~/server/auth/revoked-users";
import type { DatabaseClient } from "~/server/db";
import type { HoldFollowUp } from "~/server/checkout/follow-up";
import {
  journalStatus,
  readJournal,
  releaseUnit,
  settleJournal,
  withRecords,
  type JournalEntry,
} from "~/server/inventory/journal";
import type { Logger } from "~/server/logger";
import type { MetricsRecorder } from "~/server/metrics/recorder";
import { traced } from "~/server/metrics/tracing";
import type { OrderMessage } from "./order-message";
import { persistReservations, type PersistOutcome } from "./persist-order";

/** How many other pending reservations a delivery takes along. */
export const GROUP_COMMIT_LIMIT = 500;

export interface DeliveryDeps {
  db: DatabaseClient;
  redis: Redis;
  namespace: string;
  logger: Logger;
  revokedUsers: RevokedUsers;
  /** Follows up units a released reservation handed to the waitlist. */
  followUp?: HoldFollowUp;
  /** Counts persist lag (reserved → first in Postgres), deliveries and dead letters. */
  metrics?: MetricsRecorder;
}

/** Persists a batch of one sale's reservations and settles the journal; answers per reservation id. */
export async function persistBatch(
  deps: DeliveryDeps,
  saleId: string,
  batch: JournalEntry[],
): Promise<Map<string, PersistOutcome>> {
  const outcomes = await traced("order.persist", saleId, () => persistReservations(deps.db, saleId, batch));
  const persistedAt = Date.now();
  const done: Array<JournalEntry & { persisted: NonNullable<JournalEntry["record"]>["state"] | null }> = [];
  const unknownUsers: JournalEntry[] = [];
  for (const entry of batch) {
    const outcome = outcomes.get(entry.reservationId);
    if (!outcome) continue;
    // A new order is a reservation's first persist: its lag is what the monitor and /api/metrics show.
    if (outcome.ok && outcome.status === "CREATED") deps.metrics?.persisted(saleId, persistedAt - entry.reservedAt);
    if (!outcome.ok) {
      if (outcome.reason === "UNKNOWN_USER") unknownUsers.push(entry);
    } else if (outcome.status !== "DEFERRED") {
      done.push({ ...entry, persisted: entry.record?.state ?? null });
    }
  }
  await bestEffort(deps, "order.journal_settle_failed", saleId, () =>
    settleJournal(deps.redis, deps.namespace, saleId, done),
  );
  for (const entry of unknownUsers) {
    await deps.revokedUsers.revoke(entry.userId);
    const released = await releaseUnit(deps.redis, deps.namespace, saleId, entry);
    deps.logger.error("order.unknown_user", { saleId, userId: entry.userId, unitReturned: released.released });
    if (released.released && released.offers.length > 0) await deps.followUp?.(saleId, { offers: released.offers });
  }
  const refused = [...outcomes.values()].filter((o) => o.ok && o.status === "REFUSED_OVERSOLD").length;
  if (refused > 0) deps.logger.error("order.refused_oversold", { saleId, refused });
  return outcomes;
}

/**
 * QStash deliveries, persisted with group commit: a delivery takes its own reservation and the
 * sale's other pending ones, so one statement does the work of many deliveries and the later ones
 * find theirs done. Within one instance, deliveries of a sale that arrive while a batch is running
 * wait for it and look again, instead of all racing for the sale's lock with the same batch.
 */
export function createDeliveryPersister(deps: DeliveryDeps) {
  const running = new Map<string, Promise<unknown>>();

  async function settledAlready(message: OrderMessage): Promise<boolean> {
    const status = await bestEffort(deps, "order.journal_read_failed", message.saleId, () =>
      journalStatus(deps.redis, deps.namespace, message.saleId, message),
    );
    return status === "settled";
  }

  /** The sale's oldest pending reservations, plus `own` when given; Redis trouble means none. */
  async function pendingBatch(saleId: string, own?: OrderMessage): Promise<JournalEntry[]> {
    const pending =
      (await bestEffort(deps, "order.journal_read_failed", saleId, () =>
        readJournal(deps.redis, deps.namespace, saleId, { limit: GROUP_COMMIT_LIMIT }),
      )) ?? [];
    if (!own) return pending;
    const ownInJournal = pending.find((entry) => entry.reservationId === own.reservationId);
    const ownEntry =
      ownInJournal ??
      (
        await bestEffort(deps, "order.journal_read_failed", saleId, () =>
          withRecords(deps.redis, deps.namespace, saleId, [own]),
        )
      )?.[0] ??
      own;
    return [ownEntry, ...pending.filter((entry) => entry.reservationId !== own.reservationId)];
  }

  /** Runs one batch for a sale, as the only batch of that sale in this instance. */
  async function runBatch(saleId: string, batch: JournalEntry[]): Promise<Map<string, PersistOutcome>> {
    const attempt = persistBatch(deps, saleId, batch);
    running.set(saleId, attempt);
    try {
      return await attempt;
    } finally {
      if (running.get(saleId) === attempt) running.delete(saleId);
    }
  }

  async function untilIdle(saleId: string): Promise<void> {
    for (let batch = running.get(saleId); batch; batch = running.get(saleId)) await batch.catch(() => undefined);
  }

  return async function persistDelivery(message: OrderMessage): Promise<PersistOutcome> {
    await untilIdle(message.saleId);
    if (await settledAlready(message)) {
      // Our order is in. QStash delivers oldest first, so the reservations still pending are newer
      // than ours and their own deliveries are queued behind: persist them now rather than then.
      await untilIdle(message.saleId);
      const others = await pendingBatch(message.saleId);
      if (others.length > 0 && !running.has(message.saleId)) await runBatch(message.saleId, others);
      return { ok: true, status: "SETTLED" };
    }
    await untilIdle(message.saleId);
    const outcomes = await runBatch(message.saleId, await pendingBatch(message.saleId, message));
    return outcomes.get(message.reservationId) ?? { ok: false, reason: "UNKNOWN_USER" };
  };
}

async function bestEffort<T>(
  deps: Pick<DeliveryDeps, "logger">,
  event: string,
  saleId: string,
  step: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    deps.logger.warn(event, { saleId, message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}
