// Behind `npm start` (scripts/serve/peer-address.ts) the app keys the per-address limit on the
// socket's address. Shoppers here call a tRPC handler over real HTTP through the same wrapper,
// with the context built as src/server/api/context.ts builds it when the peer header is trusted;
// whatever they put in X-Forwarded-For or the peer header themselves changes nothing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createTRPCClient, httpLink } from "@trpc/client";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withPeerAddress } from "../../../scripts/serve/peer-address";
import { appRouter, type AppRouter } from "~/server/api/root";
import { readSession } from "~/server/auth/read-session";
import { mintSessionToken } from "~/server/auth/session-token";
import { addressSourceFrom, clientAddressFrom, PEER_ADDRESS_HEADER } from "~/server/client-address";
import { checkRateLimit, rateLimitPolicies } from "~/server/ratelimit";
import { createArmedSale, uniqueId, waitForRoomInWindow } from "~/testing/fixtures";
import { codeOf } from "./trpc-client-outcome";
import { harnessForFile } from "~/testing/harness";

const perIp = rateLimitPolicies.reserve.perIp.tokens;
// What context.ts decides for a process started by scripts/start.ts.
const addressSource = addressSourceFrom({ STAMPEDE_PEER_HEADER: true });

const h = harnessForFile();
let server: http.Server;
let url = "";

beforeAll(async () => {
  const handler = createHTTPHandler({
    router: appRouter,
    createContext: async ({ req }) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
      return h.context(await readSession(headers), clientAddressFrom(headers, addressSource));
    },
  });
  server = http.createServer(withPeerAddress(handler));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function shopper(spoofed: Record<string, string>) {
  const id = uniqueId("user");
  const { cookieName, value } = await mintSessionToken(
    { id, email: `${id}@stampede.test`, role: "SHOPPER" },
    inject("stack").AUTH_SECRET,
  );
  const headers = { cookie: `${cookieName}=${value}`, ...spoofed };
  return createTRPCClient<AppRouter>({ links: [httpLink({ url, transformer: superjson, headers })] });
}

describe("behind the start server", () => {
  it("620 shoppers from one peer, each claiming a different address, share that peer's limit", async () => {
    // Not started: every call that passes the limiter is refused by the reserve step instead.
    const sale = await createArmedSale(h.deps, { startsAt: new Date(Date.now() + 3_600_000) });
    const shoppers = await Promise.all(
      Array.from({ length: perIp + 20 }, (_, index) =>
        shopper({
          "x-forwarded-for": `10.${index >> 8}.${index & 0xff}.1`,
          [PEER_ADDRESS_HEADER]: `172.16.${index >> 8}.${index & 0xff}`,
        }),
      ),
    );
    await waitForRoomInWindow(10_000, 6_000);
    const codes = (
      await Promise.allSettled(shoppers.map((client) => client.purchase.reserve.mutate({ saleId: sale.id })))
    ).map(codeOf);
    expect(codes.filter((code) => code === "PRECONDITION_FAILED")).toHaveLength(perIp);
    expect(codes.filter((code) => code === "TOO_MANY_REQUESTS")).toHaveLength(20);
  }, 60_000);

  it("claiming a victim's address uses none of the victim's quota", async () => {
    const sale = await createArmedSale(h.deps, { startsAt: new Date(Date.now() + 3_600_000) });
    const victim = "203.0.113.99";
    const spoofers = await Promise.all(
      Array.from({ length: 50 }, () => shopper({ "x-forwarded-for": victim, [PEER_ADDRESS_HEADER]: victim })),
    );
    await waitForRoomInWindow(10_000, 5_000);
    await Promise.allSettled(spoofers.map((client) => client.purchase.reserve.mutate({ saleId: sale.id })));
    const verdicts = await Promise.all(
      Array.from({ length: perIp + 1 }, () =>
        checkRateLimit(h.redis, { namespace: h.namespace, policy: "reserve", userId: uniqueId("user"), ip: victim }),
      ),
    );
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(perIp);
  }, 60_000);
});
