import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure, rateLimited, RefusalReason } from "~/server/api/trpc";
import { soldOutCache, soldOutKey } from "~/server/inventory/sold-out-cache";
import { logger } from "~/server/logger";
import { orderPublishTarget } from "~/server/purchase/publish-target";
import { reservePurchase, type PurchaseOutcome } from "~/server/purchase/reserve-purchase";
import { reserveWithPostgres } from "~/server/purchase/strategies/postgres-only";

export const reserveInput = z.object({ saleId: z.string().min(1, "saleId is required").max(64) });

type Refusal = Extract<PurchaseOutcome, { ok: false }>;

const soldOutError = () =>
  new TRPCError({
    code: "CONFLICT",
    message: "Sold out — every unit has been reserved.",
    cause: new RefusalReason("SOLD_OUT"),
  });

function refusalToError(refusal: Refusal): TRPCError {
  const refuse = (code: TRPCError["code"], message: string) =>
    new TRPCError({ code, message, cause: new RefusalReason(refusal.reason) });
  switch (refusal.reason) {
    case "SOLD_OUT":
      return soldOutError();
    case "NOT_STARTED":
      return refuse(
        "PRECONDITION_FAILED",
        `This sale has not started yet. It opens at ${refusal.startsAt.toISOString()}.`,
      );
    case "ENDED":
      return refuse("PRECONDITION_FAILED", "This sale has ended.");
    case "PAUSED":
      return refuse("PRECONDITION_FAILED", "This sale is paused. Please try again shortly.");
    case "NOT_PUBLISHED":
    case "UNKNOWN_SALE":
      return refuse("NOT_FOUND", "We could not find that sale.");
  }
}

export const purchaseRouter = createTRPCRouter({
  reserve: protectedProcedure
    .input(reserveInput)
    // After sell-out the storm is answered from memory, before the rate limiter's Redis round trip:
    // "sold out" costs nothing to repeat and reveals nothing a shopper could abuse.
    .use(({ ctx, input, next }) => {
      if (soldOutCache.answerFromMemory(soldOutKey(ctx.deployment.namespace, input.saleId))) throw soldOutError();
      return next();
    })
    .use(rateLimited("reserve"))
    .mutation(async ({ ctx, input }) => {
      const started = performance.now();
      // "postgres" is set only by the bench switch (see ~/server/bench-switch): the benchmark's baseline.
      const outcome: PurchaseOutcome =
        ctx.purchaseStrategy === "postgres"
          ? await reserveWithPostgres(ctx.db, { saleId: input.saleId, userId: ctx.session.user.id })
          : await reservePurchase(
              {
                redis: ctx.redis,
                qstash: ctx.qstash,
                soldOut: soldOutCache,
                target: orderPublishTarget(ctx.deployment),
                onPublishFailure: (error, reservationId) =>
                  logger.warn("purchase.publish_failed", {
                    saleId: input.saleId,
                    reservationId,
                    message: error instanceof Error ? error.message : String(error),
                  }),
              },
              { saleId: input.saleId, userId: ctx.session.user.id },
            );
      logger.info("purchase.decision", {
        saleId: input.saleId,
        userId: ctx.session.user.id,
        outcome: outcome.ok ? outcome.status : outcome.reason,
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
      });
      if (!outcome.ok) throw refusalToError(outcome);
      return {
        status: outcome.status,
        reservationId: outcome.reservationId,
        reservedAt: outcome.reservedAt,
        order: "PENDING" as const,
      };
    }),
});
