// admin.* — everything behind /admin. Mounted as `admin` in the app router.
import { createTRPCRouter } from "~/server/api/trpc";
import { adminFairnessRouter } from "./fairness";
import { adminMonitorRouter } from "./monitor";
import { adminSaleRouter } from "./sale";

export const adminRouter = createTRPCRouter({
  sale: adminSaleRouter,
  fairness: adminFairnessRouter,
  monitor: adminMonitorRouter,
});
