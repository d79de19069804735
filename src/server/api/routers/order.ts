// order.* – where a shopper stands in a sale (polled by the sale page), and their own orders.
import { z } from "zod";
import { saleIdSchema } from "~/lib/sale";
import { createTRPCRouter, protectedProcedure } from "~/server/api/trpc";

export const orderRouter = createTRPCRouter({
  status: protectedProcedure
    .input(z.object({ saleId: saleIdSchema }))
    .query(({ ctx, input }) => ctx.services.checkout.status({ saleId: input.saleId, userId: ctx.session.user.id })),

  mine: protectedProcedure.query(({ ctx }) => ctx.services.orders.mine(ctx.session.user.id)),
});
