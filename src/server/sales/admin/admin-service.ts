// The admin side of sales as one service, built once from the clients (see ~/server/services).
// Writes name the admin who makes them, for the audit log; reads need nobody.
import type { Redis } from "@upstash/redis";
import type { SaleUpdateValues, SaleValues } from "~/lib/sale-form/schema";
import type { DatabaseClient } from "~/server/db";
import { buildFairnessReport, type ReportOptions } from "~/server/fair-draw/report/build-report";
import type { Logger } from "~/server/logger";
import { createSale } from "./create-sale";
import { changeSaleState, type StateChangeName } from "./lifecycle";
import type { OrderStateFilter } from "./order-counts";
import { archiveSale, deleteSale } from "./remove-sale";
import { nowOf, type AdminDeps, type ReadDeps } from "./result";
import { allSaleOrders, listSaleOrders, type SaleOrdersQuery } from "./sale-orders";
import { listAdminSales, loadSaleView } from "./sale-view";
import { updateSale } from "./update-sale";

export function createAdminService(deps: {
  db: DatabaseClient;
  redis: Redis;
  namespace: string;
  logger: Logger;
  now?: () => Date;
}) {
  const read: ReadDeps = { db: deps.db, redis: deps.redis, namespace: deps.namespace, now: deps.now };
  const as = (actorId: string): AdminDeps => ({
    ...read,
    actorId,
    log: (level, event, fields) => deps.logger[level](event, fields),
  });
  return {
    list: () => listAdminSales(read),
    view: (id: string) => loadSaleView(read, id),
    orders: (saleId: string, query: SaleOrdersQuery) => listSaleOrders(deps.db, saleId, query, nowOf(read)),
    allOrders: (saleId: string, state?: OrderStateFilter, search?: string) =>
      allSaleOrders(deps.db, saleId, { state, search }),
    findSlug: (saleId: string) => deps.db.sale.findUnique({ where: { id: saleId }, select: { slug: true } }),
    /** The sale's fairness report; building it files what only Redis knew into Postgres. */
    fairnessReport: (saleId: string, options: Omit<ReportOptions, "now"> = {}) =>
      buildFairnessReport(read, saleId, { ...options, now: nowOf(read) }),
    create: (actorId: string, values: SaleValues) => createSale(as(actorId), values),
    update: (actorId: string, id: string, values: SaleUpdateValues) => updateSale(as(actorId), id, values),
    changeState: (actorId: string, id: string, change: StateChangeName) => changeSaleState(as(actorId), id, change),
    delete: (actorId: string, id: string) => deleteSale(as(actorId), id),
    archive: (actorId: string, id: string) => archiveSale(as(actorId), id),
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
