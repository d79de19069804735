// The QStash routes, built from the services: the app's route files export them, and the
// integration tests serve the very same handlers over HTTP for the local QStash to call.
import type { Receiver } from "@upstash/qstash";
import { drawMessageSchema } from "~/server/fair-draw/draw-message";
import { deliveryFailureSchema } from "~/server/orders/delivery-failures";
import { holdExpiryMessageSchema } from "~/server/orders/hold-expiry";
import { orderMessageSchema } from "~/server/orders/order-message";
import { destinationUrl, type QStashDestination } from "~/server/orders/qstash-destinations";
import { reconcileRequestSchema } from "~/server/orders/reconcile";
import { reminderMessageSchema } from "~/server/reminders/reminder-message";
import type { Services } from "~/server/services";
import { jsonResponse, nonRetryable, signedQStashRoute, type RouteHandler } from "./signed-qstash-route";

/** How far a start may lie ahead, by this clock, for an early draw message to be retried. */
const DRAW_CLOCK_SLACK_MS = 60_000;

export function createQStashRoutes(
  services: Services,
  receiver: Receiver,
  publicUrl: () => string | undefined,
): Record<QStashDestination, RouteHandler> {
  const { orders, checkout, lobby, resumer, reminders, logger } = services;
  const metrics = services.metrics.recorder;
  const signed = (destination: QStashDestination) => ({
    receiver,
    url: () => destinationUrl(publicUrl(), destination),
    logger,
  });

  return {
    // POST /api/qstash/orders – persist a reserved order, idempotently.
    orders: signedQStashRoute(signed("orders"), orderMessageSchema, async (message, delivery) => {
      let outcome;
      try {
        outcome = await orders.persist(message);
      } catch (error) {
        logger.error("order.persist_failed", {
          saleId: message.saleId,
          reservationId: message.reservationId,
          attempt: delivery.retried,
          message: error instanceof Error ? error.message.split("\n")[0] : String(error),
        });
        metrics.count(message.saleId, "delivery.failed");
        return jsonResponse(503, { error: "The order could not be saved yet; it will be retried." });
      }
      if (!outcome.ok) {
        metrics.count(message.saleId, "delivery.failed");
        logger.error("order.persist_refused", {
          saleId: message.saleId,
          userId: message.userId,
          reason: outcome.reason,
        });
        return nonRetryable(
          outcome.reason === "UNKNOWN_SALE"
            ? `Sale ${message.saleId} does not exist.`
            : `User ${message.userId} does not exist.`,
        );
      }
      metrics.count(message.saleId, "delivery.ok");
      return jsonResponse(
        200,
        "orderId" in outcome ? { orderId: outcome.orderId, status: outcome.status } : { status: outcome.status },
      );
    }),

    // POST /api/qstash/failures – record an order message QStash gave up on.
    failures: signedQStashRoute(signed("failures"), deliveryFailureSchema, async (failure) => {
      await orders.recordDeliveryFailure(failure);
      return jsonResponse(200, { recorded: true });
    }),

    // POST /api/qstash/holds – a sale's holds fell due: release the unpaid ones, idempotently.
    holds: signedQStashRoute(signed("holds"), holdExpiryMessageSchema, async (message) => {
      try {
        const swept = await checkout.sweepHolds(message.saleId);
        return jsonResponse(200, swept ?? { expired: 0, offered: 0, nextExpiry: null });
      } catch (error) {
        logger.error("hold.sweep_failed", {
          saleId: message.saleId,
          message: error instanceof Error ? error.message.split("\n")[0] : String(error),
        });
        return jsonResponse(503, { error: "The holds could not be released yet; it will be retried." });
      }
    }),

    // POST /api/qstash/draw – a fair draw's start, or a draw that ran elsewhere: draw if due, then
    // persist the draw (winners' orders, entrants, the sale's draw facts), idempotently.
    draw: signedQStashRoute(signed("draw"), drawMessageSchema, async (message) => {
      const done = await lobby.drawAndPersist(message.saleId);
      // Delivered a moment before the start by Redis's clock: QStash retries shortly. A start moved
      // later has its own message (see scheduleDraw), so a far-off start is not waited for.
      if (
        done.result === "NOT_DUE" &&
        done.state === "PUBLISHED" &&
        Math.abs(done.startsAt - Date.now()) < DRAW_CLOCK_SLACK_MS
      ) {
        return jsonResponse(503, { error: "The draw is not due yet; it will be retried." });
      }
      if (done.result === "UNKNOWN_SALE") {
        // Redis lost the sale's state: it is being re-armed (the draw with it), so try again later.
        if ((await resumer.onMissingState(message.saleId)) === "RESUMING") {
          return jsonResponse(503, { error: "The sale is resuming; the draw will be retried." });
        }
        return nonRetryable(`Sale ${message.saleId} does not exist.`);
      }
      return jsonResponse(200, done);
    }),

    // POST /api/qstash/reconcile – release overdue holds (the backstop), run and persist fair draws
    // that were missed, persist stale records and check every sale's books.
    reconcile: signedQStashRoute(signed("reconcile"), reconcileRequestSchema, async (request) => {
      const expired = await checkout.sweepAllHolds();
      if (expired > 0) logger.info("reconcile.holds_released", { expired });
      const draws = await lobby.drawAllDue();
      if (draws > 0) logger.info("reconcile.draws_persisted", { draws });
      const ledgers = await orders.reconcileAll({ olderThanMs: request.olderThanSeconds * 1000 });
      const broken = ledgers.filter((ledger) => ledger.problems.length > 0);
      for (const ledger of broken) logger.error("reconcile.invariant_broken", { ...ledger });
      const persisted = ledgers.reduce((sum, ledger) => sum + ledger.persistedNow, 0);
      logger.info("reconcile.done", { sales: ledgers.length, persisted, broken: broken.length });
      return jsonResponse(200, { ok: broken.length === 0, sales: ledgers.length, persisted, ledgers });
    }),

    // POST /api/qstash/reminders – a sale is opening: email the shopper who asked, once. A sale
    // cancelled, ended, paused or moved since answers 200 with nothing sent; a failed send, 503.
    reminders: signedQStashRoute(signed("reminders"), reminderMessageSchema, async (message) => {
      try {
        return jsonResponse(200, { result: await reminders.deliver(message) });
      } catch (error) {
        logger.error("reminder.send_failed", {
          saleId: message.saleId,
          message: error instanceof Error ? error.message.split("\n")[0] : String(error),
        });
        return jsonResponse(503, { error: "The reminder could not be sent yet; it will be retried." });
      }
    }),
  };
}
