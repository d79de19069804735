import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createTRPCRouter, publicProcedure } from "~/server/api/trpc";
import { readLiveSale } from "~/server/inventory/read-live-sale";
import { listStorefrontSales, publicSaleSelect } from "~/server/sales/list-sales";
import { salePhase } from "~/server/sales/sale-phase";

const saleId = z.string().min(1).max(64);

export const saleRouter = createTRPCRouter({
  list: publicProcedure.query(({ ctx }) => listStorefrontSales(ctx.db)),

  bySlug: publicProcedure.input(z.object({ slug: z.string().min(1).max(120) })).query(async ({ ctx, input }) => {
    const sale = await ctx.db.sale.findFirst({
      where: { slug: input.slug, state: { in: ["PUBLISHED", "PAUSED", "ENDED"] } },
      select: publicSaleSelect,
    });
    if (!sale) throw new TRPCError({ code: "NOT_FOUND", message: "We could not find that sale." });
    return { ...sale, phase: salePhase(sale), serverNow: new Date() };
  }),

  /**
   * The server's clock, for browsers to measure their offset against (src/lib/server-clock).
   * Nothing else rides on this request, so its round trip is as short as the network allows.
   */
  serverTime: publicProcedure.query(() => ({ now: Date.now() })),

  stock: publicProcedure.input(z.object({ saleId })).query(async ({ ctx, input }) => {
    const stock = await readLiveSale(ctx.redis, ctx.deployment.namespace, input.saleId);
    if (!stock) throw new TRPCError({ code: "NOT_FOUND", message: "We could not find that sale." });
    return stock;
  }),
});
