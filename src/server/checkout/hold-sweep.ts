// Releasing overdue holds without anybody running a command: the holds route (called by QStash at
// each hold's expiry) and the scheduled reconciler run this for a sale. Each pass releases overdue
// holds in Redis (expire-holds.lua, which hands units to the waitlist in the same step), writes
// what changed to Postgres, follows up the offers, and closes the provider's payment pages of
// holds that ended so they cannot take money any more.
import { expireHolds } from "~/server/inventory/holds";
import { readJournal } from "~/server/inventory/journal";
import type { Offer } from "~/server/inventory/buyer-record";
import { GROUP_COMMIT_LIMIT, persistBatch, type DeliveryDeps } from "~/server/orders/deliveries";
import type { PaymentProvider } from "~/server/payments/provider";
import type { HoldFollowUp } from "./follow-up";

export interface HoldSweepDeps extends DeliveryDeps {
  payments: PaymentProvider;
  followUp: HoldFollowUp;
}

/** Holds released per script call: bounded so one call never blocks Redis for long. */
const SWEEP_LIMIT = 200;
const MAX_ROUNDS = 25;

/** Persists a sale's journal now, in group-commit batches, until it is empty (bounded). */
export async function persistSaleJournal(deps: DeliveryDeps, saleId: string): Promise<void> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const batch = await readJournal(deps.redis, deps.namespace, saleId, { limit: GROUP_COMMIT_LIMIT });
    if (batch.length === 0) return;
    await persistBatch(deps, saleId, batch);
    if (batch.length < GROUP_COMMIT_LIMIT) return;
  }
}

/** Closes provider payment pages of this sale's holds that ended unpaid. Best effort, per page. */
export async function closeEndedCheckouts(deps: HoldSweepDeps, saleId: string): Promise<void> {
  const open = await deps.db.checkoutSession.findMany({
    where: { closedAt: null, order: { saleId, status: { in: ["EXPIRED", "CANCELLED", "REFUNDED"] } } },
    select: { id: true, provider: true },
  });
  for (const session of open) {
    try {
      if (session.provider === deps.payments.name) {
        await deps.payments.closeCheckout(session.id.slice(session.provider.length + 1));
      }
      await deps.db.checkoutSession.update({ where: { id: session.id }, data: { closedAt: new Date() } });
    } catch (error) {
      deps.logger.warn("checkout.close_failed", {
        saleId,
        session: session.id,
        message: error instanceof Error ? error.message.split("\n")[0] : String(error),
      });
    }
  }
}

export interface HoldSweepResult {
  expired: number;
  offered: number;
  nextExpiry: number | null;
}

export async function sweepSaleHolds(deps: HoldSweepDeps, saleId: string): Promise<HoldSweepResult | null> {
  let expired = 0;
  let nextExpiry: number | null = null;
  const offers: Offer[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const sweep = await expireHolds(deps.redis, { namespace: deps.namespace, saleId, limit: SWEEP_LIMIT });
    if (!sweep) return null;
    expired += sweep.expired;
    offers.push(...sweep.offers);
    nextExpiry = sweep.nextExpiry;
    if (sweep.expired < SWEEP_LIMIT) break;
  }
  if (expired > 0 || offers.length > 0) await persistSaleJournal(deps, saleId);
  // The next hold's own message was scheduled when it was taken; asking again (same deduplication
  // id) is the safety net for one whose scheduling was lost.
  // At least a second ahead: a message for the second being handled now would be dropped as a
  // duplicate of the one being delivered (when Redis's clock trails QStash's).
  const again = nextExpiry ? [Math.max(nextExpiry, Date.now() + 1_000)] : [];
  await deps.followUp(saleId, { offers, ordersPersisted: true, expiries: again });
  if (expired > 0) await closeEndedCheckouts(deps, saleId);
  if (expired > 0) deps.logger.info("hold.expired", { saleId, expired, offered: offers.length });
  return { expired, offered: offers.length, nextExpiry };
}
