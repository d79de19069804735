// GET|POST /api/trpc/* – the tRPC fetch adapter
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { NextRequest } from "next/server";
import { appRouter } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/context";
import { logger } from "~/server/logger";

const handler = (req: NextRequest) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers }),
    onError({ path, error }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        logger.error("trpc.internal_error", { path: path ?? "<no-path>", message: error.message });
      }
    },
  });

export { handler as GET, handler as POST };
