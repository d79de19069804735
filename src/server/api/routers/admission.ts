// admission.challenge – the challenge a shopper's browser solves before entering a sale's lobby or
// buying: ALTCHA's signed challenge, Turnstile's widget settings, or nothing when the sale asks for
// none. Each call issues a fresh one (a solution counts once), so the page asks again after a use.
import { z } from "zod";
import { saleIdSchema } from "~/lib/sale";
import { createTRPCRouter, protectedProcedure } from "~/server/api/trpc";

export const admissionRouter = createTRPCRouter({
  challenge: protectedProcedure
    .input(z.object({ saleId: saleIdSchema }))
    .query(({ ctx, input }) =>
      ctx.services.admission.challengeFor({ saleId: input.saleId, userId: ctx.session.user.id }),
    ),
});
