// bench.noop – the ceiling `npm run bench` measures the buy path against: the same route handler,
// session read, input validation and superjson as purchase.reserve, and no work at all.
// Mounted only where the bench switch is allowed; everywhere else the path does not exist.
import { createTRPCRouter, protectedProcedure } from "~/server/api/trpc";
import { reserveInput } from "~/server/api/routers/purchase";
import { benchSwitchAllowed } from "~/server/bench-switch-env";

export const benchRouter = createTRPCRouter({
  noop: protectedProcedure.input(reserveInput).mutation(() => ({ ok: true as const })),
});

/** Spread into the app router: `{ bench }` where the switch is allowed, nothing elsewhere. */
export const benchRoutes: { bench?: typeof benchRouter } = benchSwitchAllowed ? { bench: benchRouter } : {};
