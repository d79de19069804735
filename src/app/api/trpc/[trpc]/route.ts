// GET|POST /api/trpc/* – the tRPC fetch adapter: small batches, and Retry-After on refusals that carry a wait
import type { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { NextRequest } from "next/server";
import { appRouter } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/context";
import { retryAfterOf } from "~/server/api/trpc";
import { logger } from "~/server/logger";

// A batch is one HTTP request for many calls; each call still passes the rate limiter on its own,
// but an unbounded batch lets one request queue thousands of them. The browser's httpBatchLink
// must send at most this many (its maxItems). tRPC answers a larger batch 400 BAD_REQUEST
// ("Batch call exceeds maximum size") before any call runs.
const MAX_BATCH_SIZE = 10;

// The longest wait any refused call in the response carries (429s, and 503s such as "resuming"),
// so a client retrying a whole batch waits long enough for every call in it.
function retryAfterHeader(errors: TRPCError[]): { headers?: Headers } {
  const waits = errors.map((error) => retryAfterOf(error.cause)).filter((wait) => wait !== undefined);
  if (waits.length === 0) return {};
  return { headers: new Headers({ "retry-after": String(Math.max(...waits)) }) };
}

const handler = (req: NextRequest) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    responseMeta: ({ errors }) => retryAfterHeader(errors),
    createContext: () => createTRPCContext({ headers: req.headers }),
    onError({ path, error }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        logger.error("trpc.internal_error", { path: path ?? "<no-path>", message: error.message });
      }
    },
  });

export { handler as GET, handler as POST };
