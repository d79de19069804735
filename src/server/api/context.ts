// The request-bound tRPC context for the HTTP handler and React Server Components: the session from
// the cookie, the client address from the one source this deployment trusts (see
// ~/server/client-address) and its block, the signed device cookie (issued when missing; see
// ~/server/admission/device-cookie), and this process's services (see ~/server/app-services).
import "server-only";

import { env } from "~/env";
import { deriveDeviceCookieKey, deviceOfRequest } from "~/server/admission/device-cookie";
import { servicesFor } from "~/server/app-services";
import { readSession } from "~/server/auth/read-session";
import { addressBlockOf, addressSourceFrom, clientAddressFrom } from "~/server/client-address";
import { createInnerContext, type InnerContext } from "./trpc";

// Decided once: where the address comes from is a property of the deployment, not of a request.
const addressSource = addressSourceFrom(env);
const deviceKey = deriveDeviceCookieKey(env.AUTH_SECRET);

export async function createTRPCContext(opts: { headers: Headers }): Promise<InnerContext> {
  const clientIp = clientAddressFrom(opts.headers, addressSource);
  // A request without a valid cookie counts under a fresh id at once; the HTTP handler sends the
  // cookie with its response (React Server Components only read, so theirs is never sent).
  const device = deviceOfRequest(opts.headers, deviceKey, { production: env.NODE_ENV === "production" });
  return createInnerContext({
    session: await readSession(opts.headers),
    services: servicesFor(opts.headers),
    clientIp,
    origin: { addressBlock: addressBlockOf(clientIp), deviceId: device.deviceId },
    deviceCookie: device.setCookie,
  });
}
