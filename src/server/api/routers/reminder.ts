// reminder.* – "Remind me" on an upcoming sale: set it (a signed-in shopper; emailed at the opening
// when email is configured) and read it back. The calendar file needs no account and lives at
// /sales/<slug>/calendar.ics.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { saleIdSchema } from "~/lib/sale";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "~/server/api/trpc";

const saleInput = z.object({ saleId: saleIdSchema });

export const reminderRouter = createTRPCRouter({
  /** Records the reminder (again is harmless); `email` says whether one will be sent. */
  set: protectedProcedure.input(saleInput).mutation(async ({ ctx, input }) => {
    const outcome = await ctx.services.reminders.set({ saleId: input.saleId, userId: ctx.session.user.id });
    if (outcome.ok) return { email: outcome.email, opensAt: outcome.opensAt };
    if (outcome.reason === "UNKNOWN_SALE")
      throw new TRPCError({ code: "NOT_FOUND", message: "We could not find that sale." });
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "This sale has already opened (or is not scheduled any more), so there is nothing to remind you of.",
    });
  }),

  /** Whether reminders can come by email, and this shopper's reminder (null when signed out or none). */
  status: publicProcedure.input(saleInput).query(async ({ ctx, input }) => ({
    emailEnabled: ctx.services.reminders.emailEnabled,
    reminder: ctx.session
      ? await ctx.services.reminders.status({ saleId: input.saleId, userId: ctx.session.user.id })
      : null,
  })),
});
