// What happens to reservations on their way to Postgres: a delivery (or the reconciler) persists a
// batch, the journal entries that are done are removed, and a reservation that can never become an
// order — its shopper no longer exists — gives its unit back and that shopper's session is refused.
import type { Redis } from "@upstash/redis";
import type { RevokedUsers } from "~/server/auth/revoked-users";
import type { DatabaseClient } from "~/server/db";
import { readJournal, releaseUnit, settleJournal, type JournalEntry } from "~/server/inventory/journal";
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
 * A QStash delivery: its own reservation plus the sale's other pending ones (group commit), so
 * one statement does the work of many deliveries and the later ones find theirs done.
 */
export async function persistDelivery(deps: DeliveryDeps, message: OrderMessage): Promise<PersistOutcome> {
  // Redis is only a source of extra work here: without it the delivery still persists its own order.
  const pending =
    (await bestEffort(deps, "order.journal_read_failed", message.saleId, () =>
      readJournal(deps.redis, deps.namespace, message.saleId, { limit: GROUP_COMMIT_LIMIT }),
    )) ?? [];
  const batch = [message, ...pending.filter((entry) => entry.reservationId !== message.reservationId)];
  const outcomes = await persistBatch(deps, message.saleId, batch);
  return outcomes.get(message.reservationId) ?? { ok: false, reason: "UNKNOWN_USER" };
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
