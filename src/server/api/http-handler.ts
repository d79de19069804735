// The tRPC fetch adapter as the app serves it: small batches, Retry-After on refusals that carry a
// wait, a newly issued device cookie, internal errors logged once. The route file and the
// resilience suite's app process share it.
import type { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Logger } from "~/server/logger";
import { appRouter } from "./root";
import { retryAfterOf, type InnerContext } from "./trpc";

// A batch is one HTTP request for many calls; each call still passes the rate limiter on its own,
// but an unbounded batch lets one request queue thousands of them. The browser's httpBatchLink
// must send at most this many (its maxItems). tRPC answers a larger batch 400 BAD_REQUEST
// ("Batch call exceeds maximum size") before any call runs.
export const MAX_BATCH_SIZE = 10;

// The longest wait any refused call in the response carries (429s, and 503s such as "resuming"),
// so a client retrying a whole batch waits long enough for every call in it; and the device cookie
// the context issued, whatever the calls' outcome (the request already counted under that id).
function responseHeaders(errors: TRPCError[], ctx: InnerContext | undefined): { headers?: Headers } {
  const headers = new Headers();
  const waits = errors.map((error) => retryAfterOf(error.cause)).filter((wait) => wait !== undefined);
  if (waits.length > 0) headers.set("retry-after", String(Math.max(...waits)));
  if (ctx?.deviceCookie) headers.append("set-cookie", ctx.deviceCookie);
  return [...headers.keys()].length > 0 ? { headers } : {};
}

export function handleTRPCRequest(
  req: Request,
  createContext: () => Promise<InnerContext>,
  logger: Logger,
): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    responseMeta: ({ errors, ctx }) => responseHeaders(errors, ctx),
    createContext,
    onError({ path, error }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        logger.error("trpc.internal_error", { path: path ?? "<no-path>", message: error.message });
      }
    },
  });
}
