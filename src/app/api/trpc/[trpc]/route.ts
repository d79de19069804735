// GET|POST /api/trpc/* – the tRPC fetch adapter: small batches, and Retry-After on refusals that carry a wait
import type { NextRequest } from "next/server";
import { createTRPCContext } from "~/server/api/context";
import { handleTRPCRequest } from "~/server/api/http-handler";
import { logger } from "~/server/logger";

const handler = (req: NextRequest) => handleTRPCRequest(req, () => createTRPCContext({ headers: req.headers }), logger);

export { handler as GET, handler as POST };
