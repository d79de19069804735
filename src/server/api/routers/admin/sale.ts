// admin.sale.* — the admin's sale list, editor and lifecycle. Every procedure is for admins only;
// every write is rate limited and audited. Business rules live in ~/server/sales/admin.
import { TRPCError } from "@trpc/server";
import { newSaleFormSchema, saleUpdateSchema } from "~/lib/sale-form/schema";
import { adminProcedure, createTRPCRouter, rateLimited, type InnerContext } from "~/server/api/trpc";
import type { AppSession } from "~/server/auth/session";
import { logger } from "~/server/logger";
import { createSale } from "~/server/sales/admin/create-sale";
import { changeSaleState, type StateChangeName } from "~/server/sales/admin/lifecycle";
import { archiveSale, deleteSale } from "~/server/sales/admin/remove-sale";
import type { AdminDeps } from "~/server/sales/admin/result";
import { listSaleOrders } from "~/server/sales/admin/sale-orders";
import { listAdminSales, loadSaleView } from "~/server/sales/admin/sale-view";
import { updateSale } from "~/server/sales/admin/update-sale";
import { runWrite } from "./errors";
import { saleIdInput, saleOrdersInput } from "./sale.schema";

type AdminContext = InnerContext & { session: AppSession };

function adminDeps(ctx: AdminContext): AdminDeps {
  return {
    db: ctx.db,
    redis: ctx.redis,
    namespace: ctx.deployment.namespace,
    actorId: ctx.session.user.id,
    log: (level, event, fields) => logger[level](event, fields),
  };
}

async function viewOf(ctx: AdminContext, id: string) {
  const view = await loadSaleView(adminDeps(ctx), id);
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
      await runWrite(input.id, () => changeSaleState(adminDeps(ctx), input.id, name));
      return viewOf(ctx, input.id);
    });
}

export const adminSaleRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listAdminSales(adminDeps(ctx))),

  byId: adminProcedure.input(saleIdInput).query(({ ctx, input }) => viewOf(ctx, input.id)),

  create: adminWrite
    .input(newSaleFormSchema)
    .use(limited)
    .mutation(async ({ ctx, input }) => {
      const sale = await runWrite("new", () => createSale(adminDeps(ctx), input));
      return viewOf(ctx, sale.id);
    }),

  update: adminWrite
    .input(saleUpdateSchema)
    .use(limited)
    .mutation(async ({ ctx, input }) => {
      await runWrite(input.id, () => updateSale(adminDeps(ctx), input.id, input.values));
      return viewOf(ctx, input.id);
    }),

  publish: stateChange("publish"),
  pause: stateChange("pause"),
  resume: stateChange("resume"),
  end: stateChange("end"),

  delete: adminWrite
    .input(saleIdInput)
    .use(limited)
    .mutation(({ ctx, input }) => runWrite(input.id, () => deleteSale(adminDeps(ctx), input.id))),

  archive: adminWrite
    .input(saleIdInput)
    .use(limited)
    .mutation(({ ctx, input }) => runWrite(input.id, () => archiveSale(adminDeps(ctx), input.id))),

  orders: adminProcedure.input(saleOrdersInput).query(async ({ ctx, input }) => {
    const page = await listSaleOrders(ctx.db, input.saleId, input.page, input.pageSize);
    if (!page) throw new TRPCError({ code: "NOT_FOUND", message: "We could not find that sale." });
    return page;
  }),
});
