// What happens to reservations on their way to Postgres: a delivery (or the reconciler) persists a
// batch, the journal entries that are done are removed, and a reservation that can never become an
// order — its shopper no longer exists — gives its unit back and that shopper's session is refused.
import type { Redis } from "@upstash/redis";
import type { RevokedUsers } from "~/server/auth/revoked-users";
import type { DatabaseClient } from "~/server/db";
import { journalStatus, readJournal, releaseUnit, settleJournal, type JournalEntry } from "~/server/inventory/journal";
import type { Logger } from "~/server/logger";
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
}

/** Persists a batch of one sale's reservations and settles the journal; answers per reservation id. */
export async function persistBatch(
  deps: DeliveryDeps,
  saleId: string,
  batch: JournalEntry[],
): Promise<Map<string, PersistOutcome>> {
  const outcomes = await persistReservations(deps.db, saleId, batch);
  const done: JournalEntry[] = [];
  const unknownUsers: JournalEntry[] = [];
  for (const entry of batch) {
    const outcome = outcomes.get(entry.reservationId);
    if (outcome?.ok) done.push(entry);
    else if (outcome?.reason === "UNKNOWN_USER") unknownUsers.push(entry);
  }
  await bestEffort(deps, "order.journal_settle_failed", saleId, () =>
    settleJournal(deps.redis, deps.namespace, saleId, done),
  );
  for (const entry of unknownUsers) {
    await deps.revokedUsers.revoke(entry.userId);
    const released = await releaseUnit(deps.redis, deps.namespace, saleId, entry);
    deps.logger.error("order.unknown_user", { saleId, userId: entry.userId, unitReturned: released.released });
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

  async function persistNow(message: OrderMessage): Promise<PersistOutcome> {
    // Redis is only a source of extra work here: without it the delivery still persists its own order.
    const pending =
      (await bestEffort(deps, "order.journal_read_failed", message.saleId, () =>
        readJournal(deps.redis, deps.namespace, message.saleId, { limit: GROUP_COMMIT_LIMIT }),
      )) ?? [];
    const batch = [message, ...pending.filter((entry) => entry.reservationId !== message.reservationId)];
    const outcomes = await persistBatch(deps, message.saleId, batch);
    return outcomes.get(message.reservationId) ?? { ok: false, reason: "UNKNOWN_USER" };
  }

  return async function persistDelivery(message: OrderMessage): Promise<PersistOutcome> {
    for (;;) {
      const batch = running.get(message.saleId);
      if (!batch) break;
      await batch.catch(() => undefined);
    }
    if (await settledAlready(message)) return { ok: true, status: "SETTLED" };
    // Another delivery may have started a batch while we looked: join the queue behind it.
    while (running.has(message.saleId)) await running.get(message.saleId)!.catch(() => undefined);
    const attempt = persistNow(message);
    running.set(message.saleId, attempt);
    try {
      return await attempt;
    } finally {
      if (running.get(message.saleId) === attempt) running.delete(message.saleId);
    }
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
