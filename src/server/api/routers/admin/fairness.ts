// admin.fairness.* — a sale's fairness report (docs/fair-opening.md), for admins only. The page
// shows the largest blocks and devices; the downloads (route handlers) carry every row.
import { TRPCError } from "@trpc/server";
import { adminProcedure, createTRPCRouter } from "~/server/api/trpc";
import type { FairnessReportView } from "~/server/fair-draw/report/types";
import { saleIdInput } from "./sale.schema";

export const adminFairnessRouter = createTRPCRouter({
  report: adminProcedure.input(saleIdInput).query(async ({ ctx, input }): Promise<FairnessReportView> => {
    const report = await ctx.services.admin.fairnessReport(input.id);
    if (!report) throw new TRPCError({ code: "NOT_FOUND", message: "We could not find that sale." });
    // The page counts entrants and shows the order's head; the full lists are in the downloads.
    const { entrantList, ...shown } = report;
    return { ...shown, entrantCount: entrantList.length };
  }),
});
