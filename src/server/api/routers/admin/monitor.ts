// admin.monitor.* — the live monitor of a running sale: its figures second by second, QStash's dead
// letters for it (retry, delete), the stock changed by a number of units, and the light live
// figures the sales list and the editor header poll. Admins only; writes rate limited and audited.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { saleIdSchema } from "~/lib/sale";
import { adminProcedure, createTRPCRouter, rateLimited } from "~/server/api/trpc";
import { runWrite, unwrap } from "./errors";

export const STOCK_DELTA_LIMIT = 1_000;

const saleInput = z.object({ saleId: saleIdSchema });

const dlqIdInput = z.object({
  dlqId: z
    .string({ error: "Name the dead letter." })
    .trim()
    .min(1, "Name the dead letter.")
    .max(200, "That is not a dead letter id.")
    .regex(/^[A-Za-z0-9_.:-]+$/, "That is not a dead letter id."),
});

export const adjustStockInput = z.object({
  saleId: saleIdSchema,
  delta: z
    .number({ error: "Give the change as a whole number of units." })
    .int("Give the change as a whole number of units.")
    .min(-STOCK_DELTA_LIMIT, `Change the stock by at most ${STOCK_DELTA_LIMIT.toLocaleString("en-US")} units at once.`)
    .max(STOCK_DELTA_LIMIT, `Change the stock by at most ${STOCK_DELTA_LIMIT.toLocaleString("en-US")} units at once.`)
    .refine((delta) => delta !== 0, "Change the stock by at least one unit."),
});

const liveCountsInput = z.object({
  saleIds: z.array(saleIdSchema).max(500, "Ask for at most 500 sales at once."),
});

const limited = rateLimited("adminWrite");

export const adminMonitorRouter = createTRPCRouter({
  /** The last five minutes second by second, and the figures now; cached a second per instance. */
  snapshot: adminProcedure.input(saleInput).query(async ({ ctx, input }) => {
    const sale = await ctx.services.admin.findSlug(input.saleId);
    if (!sale) throw saleNotFound();
    return ctx.services.metrics.snapshot(input.saleId);
  }),

  deadLetters: adminProcedure
    .input(saleInput)
    .query(({ ctx, input }) => ctx.services.deadLetters.list({ saleId: input.saleId })),

  retryDeadLetter: adminProcedure
    .input(dlqIdInput)
    .use(limited)
    .mutation(async ({ ctx, input }) => unwrap(await ctx.services.deadLetters.retry(input.dlqId, ctx.session.user.id))),

  deleteDeadLetter: adminProcedure
    .input(dlqIdInput)
    .use(limited)
    .mutation(async ({ ctx, input }) =>
      unwrap(await ctx.services.deadLetters.delete(input.dlqId, ctx.session.user.id)),
    ),

  adjustStock: adminProcedure
    .input(adjustStockInput)
    .use(limited)
    .mutation(({ ctx, input }) =>
      runWrite(input.saleId, () => ctx.services.monitor.adjustStock(ctx.session.user.id, input.saleId, input.delta)),
    ),

  liveCounts: adminProcedure
    .input(liveCountsInput)
    .query(({ ctx, input }) => ctx.services.monitor.liveCounts(input.saleIds)),
});

function saleNotFound(): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: "We could not find that sale." });
}
