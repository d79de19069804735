// Retries a failed order publish in the background, a few times with growing pauses, so a short
// QStash outage heals without the reconciler. Each attempt is the same message with the same
// deduplication id, so a publish that did land the first time is not delivered twice. On Vercel
// the pending retries are handed to waitUntil so the function stays alive for them.
import { waitUntil } from "@vercel/functions";
import type { Logger } from "~/server/logger";
import type { Reservation } from "./reserve-purchase";

/** Pauses before each retry: about 14 s in all, then the scheduled reconciler takes over. */
export const PUBLISH_RETRY_DELAYS_MS = [250, 1_000, 3_000, 10_000] as const;

export function createPublishRetrier(deps: { logger: Logger; delaysMs?: readonly number[] }) {
  const delays = deps.delaysMs ?? PUBLISH_RETRY_DELAYS_MS;
  return (reservation: Reservation, publish: () => Promise<void>) => {
    const attempts = (async () => {
      for (const [index, delay] of delays.entries()) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        try {
          await publish();
          deps.logger.info("purchase.publish_retried", {
            reservationId: reservation.reservationId,
            attempt: index + 1,
          });
          return;
        } catch {
          // The next pause, or the reconciler after the last one.
        }
      }
      deps.logger.warn("purchase.publish_gave_up", {
        saleId: reservation.saleId,
        reservationId: reservation.reservationId,
        attempts: delays.length,
      });
    })();
    waitUntil(attempts);
  };
}
