// The request-bound tRPC context for the HTTP handler and React Server Components: the session from
// the cookie, the client address from the one source this deployment trusts (see
// ~/server/client-address), and this process's services (see ~/server/app-services).
import "server-only";

import { env } from "~/env";
import { servicesFor } from "~/server/app-services";
import { readSession } from "~/server/auth/read-session";
import { addressSourceFrom, clientAddressFrom } from "~/server/client-address";
import { createInnerContext, type InnerContext } from "./trpc";

// Decided once: where the address comes from is a property of the deployment, not of a request.
const addressSource = addressSourceFrom(env);

export async function createTRPCContext(opts: { headers: Headers }): Promise<InnerContext> {
  return createInnerContext({
    session: await readSession(opts.headers),
    services: servicesFor(opts.headers),
    clientIp: clientAddressFrom(opts.headers, addressSource),
  });
}
