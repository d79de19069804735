import { createTRPCRouter, publicProcedure } from "~/server/api/trpc";
import { checkServices } from "~/server/health/check-services";

export const healthRouter = createTRPCRouter({
  check: publicProcedure.query(({ ctx }) => checkServices(ctx.services.clients)),
});
