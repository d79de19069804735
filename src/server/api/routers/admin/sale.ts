// admin.sale.* — the admin's sale list, editor and lifecycle. Every procedure is for admins only;
// every write is rate limited and audited. Business rules live in ~/server/sales/admin.
import { TRPCError } from "@trpc/server";
import { newSaleFormSchema, saleUpdateSchema } from "~/lib/sale-form/schema";
import { adminProcedure, createTRPCRouter, rateLimited, type InnerContext } from "~/server/api/trpc";
import type { StateChangeName } from "~/server/sales/admin/lifecycle";
import { runWrite } from "./errors";
import { saleIdInput, saleOrdersInput } from "./sale.schema";

async function viewOf(ctx: InnerContext, id: string) {
  const view = await ctx.services.admin.view(id);
  if (!view) throw new TRPCError({ code: "NOT_FOUND", message: "We could not find that sale." });
  return view;
}

const adminWrite = adminProcedure;
const limited = rateLimited("adminWrite");

function stateChange(name: StateChangeName) {
  return adminWrite
    .input(saleIdInput)
    .use(limited)
    .mutation(async ({ ctx, input }) => {
      await runWrite(input.id, () => ctx.services.admin.changeState(ctx.session.user.id, input.id, name));
      return viewOf(ctx, input.id);
    });
}

export const adminSaleRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => ctx.services.admin.list()),

  byId: adminProcedure.input(saleIdInput).query(({ ctx, input }) => viewOf(ctx, input.id)),

  create: adminWrite
    .input(newSaleFormSchema)
    .use(limited)
    .mutation(async ({ ctx, input }) => {
      const sale = await runWrite("new", () => ctx.services.admin.create(ctx.session.user.id, input));
      return viewOf(ctx, sale.id);
    }),

  update: adminWrite
    .input(saleUpdateSchema)
    .use(limited)
    .mutation(async ({ ctx, input }) => {
      await runWrite(input.id, () => ctx.services.admin.update(ctx.session.user.id, input.id, input.values));
      return viewOf(ctx, input.id);
    }),

  publish: stateChange("publish"),
  pause: stateChange("pause"),
  resume: stateChange("resume"),
  end: stateChange("end"),

  delete: adminWrite
    .input(saleIdInput)
    .use(limited)
    .mutation(({ ctx, input }) => runWrite(input.id, () => ctx.services.admin.delete(ctx.session.user.id, input.id))),

  archive: adminWrite
    .input(saleIdInput)
    .use(limited)
    .mutation(({ ctx, input }) => runWrite(input.id, () => ctx.services.admin.archive(ctx.session.user.id, input.id))),

  orders: adminProcedure.input(saleOrdersInput).query(async ({ ctx, input }) => {
    const page = await ctx.services.admin.orders(input.saleId, input);
    if (!page) throw new TRPCError({ code: "NOT_FOUND", message: "We could not find that sale." });
    return page;
  }),
});
