// Inputs of admin.sale.* besides the editor form (which lives in ~/lib/sale-form/schema).
import { z } from "zod";
import { saleIdSchema } from "~/lib/sale";
import { ORDER_STATE_FILTERS } from "~/server/sales/admin/order-counts";
import { ORDERS_PAGE_SIZE_MAX, orderSearchSchema } from "~/server/sales/admin/sale-orders";

export const saleIdInput = z.object({ id: saleIdSchema });

export const orderStateInput = z.enum(ORDER_STATE_FILTERS, {
  error: `Pick one of the order states: ${ORDER_STATE_FILTERS.join(", ")}.`,
});

export const saleOrdersInput = z.object({
  saleId: saleIdSchema,
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(ORDERS_PAGE_SIZE_MAX).default(50),
  /** Only orders in this state; every order when left out. */
  state: orderStateInput.optional(),
  /** An email (any part, any case) or an order number (with or without SP- and dashes). */
  search: orderSearchSchema.optional(),
});
