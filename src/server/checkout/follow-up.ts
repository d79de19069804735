// What must follow a hold script, outside Redis: each new hold's expiry is scheduled, and each unit
// a script offered to a waitlisted shopper gets its order message (so Postgres and the shopper's
// "My orders" see it at once) and its own expiry. Best effort by design: the hold and the offer
// are already in Redis and journalled, the reserve and pay scripts release overdue holds they
// pass, and the scheduled reconciler sweeps both — a lost follow-up delays, never loses.
import type { Client as QStashClient } from "@upstash/qstash";
import type { Offer } from "~/server/inventory/buyer-record";
import type { Logger } from "~/server/logger";
import { scheduleHoldExpiry } from "~/server/orders/hold-expiry";
import type { OrderPublishTarget } from "~/server/orders/qstash-destinations";
import { publishOrderMessage } from "~/server/purchase/publish-order";

export interface FollowUpEvents {
  /** Expiries (epoch ms) of holds just taken. */
  expiries?: Array<number | null>;
  /** Units just offered to the waitlist. */
  offers?: Offer[];
  /** The caller has already written the offers to Postgres: only their expiries are needed. */
  ordersPersisted?: boolean;
}

export type HoldFollowUp = (saleId: string, events: FollowUpEvents) => Promise<void>;

export function createHoldFollowUp(deps: {
  qstash: QStashClient;
  target: () => OrderPublishTarget;
  logger: Logger;
}): HoldFollowUp {
  return async (saleId, events) => {
    const offers = events.offers ?? [];
    const seconds = new Set<number>();
    for (const expiresAt of [...(events.expiries ?? []), ...offers.map((offer) => offer.expiresAt)]) {
      if (expiresAt) seconds.add(Math.ceil(expiresAt / 1000) * 1000);
    }
    if (seconds.size === 0 && offers.length === 0) return;
    const steps: Array<Promise<unknown>> = [];
    try {
      const target = deps.target();
      for (const expiresAt of seconds) steps.push(scheduleHoldExpiry(deps.qstash, target, saleId, expiresAt));
      for (const offer of events.ordersPersisted ? [] : offers) {
        steps.push(
          publishOrderMessage(deps.qstash, target, {
            v: 1,
            saleId,
            userId: offer.userId,
            reservationId: offer.reservationId,
            reservedAt: Date.now(),
          }),
        );
      }
    } catch (error) {
      steps.push(Promise.reject(error));
    }
    const failed = (await Promise.allSettled(steps)).filter((result) => result.status === "rejected");
    if (failed.length > 0) {
      deps.logger.warn("hold.follow_up_failed", {
        saleId,
        failed: failed.length,
        message: String((failed[0] as PromiseRejectedResult).reason).split("\n")[0],
      });
    }
  };
}
