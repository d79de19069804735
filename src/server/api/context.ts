// The request-bound tRPC context for the HTTP handler and React Server Components: the session from
// the cookie, the client address, and this process's services (see ~/server/app-services).
import "server-only";

import { servicesFor } from "~/server/app-services";
import { readSession } from "~/server/auth/read-session";
import { createInnerContext, type InnerContext } from "./trpc";

export async function createTRPCContext(opts: { headers: Headers }): Promise<InnerContext> {
  return createInnerContext({
    session: await readSession(opts.headers),
    services: servicesFor(opts.headers),
    clientIp: clientIpFrom(opts.headers),
  });
}

function clientIpFrom(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}
