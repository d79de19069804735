import { createCallerFactory, createTRPCRouter } from "~/server/api/trpc";
import { adminRouter } from "~/server/api/routers/admin";
import { admissionRouter } from "~/server/api/routers/admission";
import { checkoutRouter } from "~/server/api/routers/checkout";
import { healthRouter } from "~/server/api/routers/health";
import { lobbyRouter } from "~/server/api/routers/lobby";
import { orderRouter } from "~/server/api/routers/order";
import { purchaseRouter } from "~/server/api/routers/purchase";
import { reminderRouter } from "~/server/api/routers/reminder";
import { saleRouter } from "~/server/api/routers/sale";

export const appRouter = createTRPCRouter({
  health: healthRouter,
  sale: saleRouter,
  purchase: purchaseRouter,
  lobby: lobbyRouter,
  admission: admissionRouter,
  order: orderRouter,
  checkout: checkoutRouter,
  reminder: reminderRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller: `createCaller(createInnerContext({...}))` in tests and scripts. */
export const createCaller = createCallerFactory(appRouter);
