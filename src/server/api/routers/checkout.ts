// checkout.* – paying for a hold, or letting it go. The hold itself comes from purchase.reserve; where
// a shopper stands is order.status. Decisions live in ~/server/checkout.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { saleIdSchema } from "~/lib/sale";
import { createTRPCRouter, protectedProcedure } from "~/server/api/trpc";

const saleInput = z.object({ saleId: saleIdSchema });

const NO_HOLD = "You have no unit on hold in this sale — it may have expired or been cancelled.";

export const checkoutRouter = createTRPCRouter({
  /** Opens the provider's payment page for the shopper's hold; the client navigates to `url`. */
  pay: protectedProcedure.input(saleInput).mutation(async ({ ctx, input }) => {
    const outcome = await ctx.services.checkout.startPayment({
      saleId: input.saleId,
      userId: ctx.session.user.id,
      email: ctx.session.user.email ?? null,
    });
    if (outcome.ok) return { url: outcome.url };
    switch (outcome.reason) {
      case "NO_HOLD":
        throw new TRPCError({ code: "PRECONDITION_FAILED", message: NO_HOLD });
      case "ALREADY_PAID":
        throw new TRPCError({ code: "CONFLICT", message: "This order is already paid." });
      case "FREE":
        throw new TRPCError({ code: "PRECONDITION_FAILED", message: "This unit is free: there is nothing to pay." });
      case "UNKNOWN_SALE":
        throw new TRPCError({ code: "NOT_FOUND", message: "We could not find that sale." });
    }
  }),

  /** Lets the hold go: the unit goes to the next shopper in line at once. */
  cancel: protectedProcedure.input(saleInput).mutation(async ({ ctx, input }) => {
    const outcome = await ctx.services.checkout.cancel({ saleId: input.saleId, userId: ctx.session.user.id });
    if (outcome.ok) return ctx.services.checkout.status({ saleId: input.saleId, userId: ctx.session.user.id });
    switch (outcome.reason) {
      case "NO_HOLD":
        throw new TRPCError({ code: "PRECONDITION_FAILED", message: NO_HOLD });
      case "ALREADY_PAID":
        throw new TRPCError({
          code: "CONFLICT",
          message: "This order is already paid, so it cannot be cancelled here.",
        });
      case "UNKNOWN_SALE":
        throw new TRPCError({ code: "NOT_FOUND", message: "We could not find that sale." });
    }
  }),
});
