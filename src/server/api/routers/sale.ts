// sale.* — what the storefront shows: the list of sales and one sale's page, each with the live
// figures (stock, state, window) Redis holds for it and how it opens (mode, lobbyOpensAt,
// challengeRequired, minAccountAgeDays; never the draw's seed), so pages read everything through here.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { idSchema } from "~/lib/sale";
import { createTRPCRouter, publicProcedure } from "~/server/api/trpc";

export const saleRouter = createTRPCRouter({
  list: publicProcedure.query(({ ctx }) => ctx.services.storefront.list()),

  bySlug: publicProcedure.input(z.object({ slug: idSchema("slug") })).query(async ({ ctx, input }) => {
    const sale = await ctx.services.storefront.bySlug(input.slug);
    if (!sale) throw new TRPCError({ code: "NOT_FOUND", message: "We could not find that sale." });
    return sale;
  }),

  /**
   * The server's clock, for browsers to measure their offset against (src/lib/server-clock).
   * Nothing else rides on this request, so its round trip is as short as the network allows.
   */
  serverTime: publicProcedure.query(() => ({ now: Date.now() })),
});
