import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "~/server/api/trpc";
import { orderStatus } from "~/server/orders/order-status";

export const orderRouter = createTRPCRouter({
  status: protectedProcedure
    .input(z.object({ saleId: z.string().min(1).max(64) }))
    .query(({ ctx, input }) =>
      orderStatus(
        { db: ctx.db, redis: ctx.redis, namespace: ctx.deployment.namespace },
        { saleId: input.saleId, userId: ctx.session.user.id },
      ),
    ),

  mine: protectedProcedure.query(({ ctx }) =>
    ctx.db.order.findMany({
      where: { userId: ctx.session.user.id },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: {
        id: true,
        status: true,
        reservationId: true,
        priceMinor: true,
        currency: true,
        reservedAt: true,
        createdAt: true,
        sale: { select: { id: true, slug: true, title: true, imageUrl: true } },
      },
    }),
  ),
});
