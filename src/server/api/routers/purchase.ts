// purchase.reserve – the buy button. Validates the input and translates the purchase service's
// answer into tRPC errors; the decision itself lives in ~/server/purchase. The caller's origin
// (address block, signed device) and, when a sale asks for one, the challenge solution go with it.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { saleIdSchema } from "~/lib/sale";
import { admissionRefusalError, challengeSolutionSchema } from "~/server/api/admission";
import {
  createTRPCRouter,
  limiterUnavailableError,
  protectedProcedure,
  rateLimitedError,
  RefusalReason,
} from "~/server/api/trpc";
import type { PurchaseInput, PurchaseRefusal } from "~/server/purchase/reserve-purchase";
import type { InnerContext } from "~/server/api/trpc";
import type { AppSession } from "~/server/auth/session";

export const reserveInput = z.object({ saleId: saleIdSchema, challenge: challengeSolutionSchema.optional() });

/** What the buy path needs from the request besides the sale: who, from where, with what. */
export function purchaseInputOf(
  ctx: InnerContext & { session: AppSession },
  input: z.infer<typeof reserveInput>,
): PurchaseInput {
  return {
    saleId: input.saleId,
    userId: ctx.session.user.id,
    clientIp: ctx.clientIp,
    challenge: input.challenge ?? null,
    origin: ctx.origin,
    accountCreatedAt: ctx.session.user.createdAt ?? null,
  };
}

function refusalToError(refusal: PurchaseRefusal): TRPCError {
  const refuse = (code: TRPCError["code"], message: string) =>
    new TRPCError({ code, message, cause: new RefusalReason(refusal.reason) });
  switch (refusal.reason) {
    case "SOLD_OUT":
      return refuse(
        "CONFLICT",
        refusal.waitlistOpen
          ? "Sold out — every unit is held or paid. Join the waitlist to get the next one released."
          : "Sold out — every unit has been reserved.",
      );
    case "WAITLISTED":
      return refuse(
        "CONFLICT",
        `You are on the waitlist: number ${refusal.position} of ${refusal.waiting}. A released unit comes to you automatically.`,
      );
    case "NOT_STARTED":
      return refuse(
        "PRECONDITION_FAILED",
        `This sale has not started yet. It opens at ${refusal.startsAt.toISOString()}.`,
      );
    case "LOBBY_OPEN":
      return refuse(
        "PRECONDITION_FAILED",
        `This sale opens with a draw at ${refusal.drawAt.toISOString()}. Enter the lobby before then to take part.`,
      );
    case "CHALLENGE_REQUIRED":
    case "CHALLENGE_INVALID":
    case "CHALLENGE_REPLAYED":
    case "CHALLENGE_UNAVAILABLE":
    case "BLOCK_LIMIT":
    case "DEVICE_LIMIT":
    case "ACCOUNT_TOO_NEW":
    case "ACCOUNT_AGE_UNKNOWN":
      return admissionRefusalError(refusal.reason);
    case "ENDED":
      return refuse("PRECONDITION_FAILED", "This sale has ended.");
    case "PAUSED":
      return refuse("PRECONDITION_FAILED", "This sale is paused. Please try again shortly.");
    case "NOT_PUBLISHED":
    case "UNKNOWN_SALE":
      return refuse("NOT_FOUND", "We could not find that sale.");
    case "RATE_LIMITED":
      return rateLimitedError(refusal.retryAfterSeconds);
    case "LIMITER_UNAVAILABLE":
      return limiterUnavailableError();
    case "BUSY":
      return new TRPCError({
        code: "SERVICE_UNAVAILABLE",
        message: "So many shoppers are buying right now that we could not take yours. Please try again in a second.",
        cause: new RefusalReason("BUSY", refusal.retryAfterSeconds),
      });
    case "UNAVAILABLE":
      return new TRPCError({
        code: "SERVICE_UNAVAILABLE",
        message: "We could not reach our stock right now. Please try again in a moment.",
        cause: new RefusalReason("UNAVAILABLE", refusal.retryAfterSeconds),
      });
    case "RESUMING":
      return new TRPCError({
        code: "SERVICE_UNAVAILABLE",
        message: `This sale is resuming. Please try again in a few seconds.`,
        cause: new RefusalReason("RESUMING", refusal.retryAfterSeconds),
      });
  }
}

export const purchaseRouter = createTRPCRouter({
  reserve: protectedProcedure.input(reserveInput).mutation(async ({ ctx, input }) => {
    const outcome = await ctx.services.purchase.reserve(purchaseInputOf(ctx, input));
    if (!outcome.ok) throw refusalToError(outcome);
    return {
      status: outcome.status,
      reservationId: outcome.reservationId,
      reservedAt: outcome.reservedAt,
      hold: outcome.hold,
    };
  }),

  /**
   * Queues the shopper for a released unit once every unit is held or paid. If a unit is free at
   * that moment they simply get it (`held: true`): read order.status for the hold.
   */
  joinWaitlist: protectedProcedure.input(reserveInput).mutation(async ({ ctx, input }) => {
    const outcome = await ctx.services.purchase.joinWaitlist(purchaseInputOf(ctx, input));
    if (outcome.ok) return { held: true as const, position: null, waiting: null };
    if (outcome.reason === "WAITLISTED") {
      return { held: false as const, position: outcome.position, waiting: outcome.waiting };
    }
    if (outcome.reason === "SOLD_OUT") {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "This sale has no waitlist: every unit is taken.",
        cause: new RefusalReason("NO_WAITLIST"),
      });
    }
    throw refusalToError(outcome);
  }),
});
