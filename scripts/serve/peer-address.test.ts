import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "~/server/client-address";
import { withPeerAddress } from "./peer-address";

// Echoes what the app sees under the peer header, and what the client sent under it.
const server = http.createServer(
  withPeerAddress((req, res) => {
    const sentAt = req.rawHeaders.findIndex(
      (value, index) => index % 2 === 0 && value.toLowerCase() === PEER_ADDRESS_HEADER,
    );
    res.end(
      JSON.stringify({
        seen: req.headers[PEER_ADDRESS_HEADER] ?? null,
        sent: sentAt < 0 ? null : req.rawHeaders[sentAt + 1],
      }),
    );
  }),
);
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("withPeerAddress", () => {
  it("sets the header to the socket's address", async () => {
    expect(await (await fetch(url)).json()).toEqual({ seen: "127.0.0.1", sent: null });
  });

  it("replaces whatever the client sent under that name, whatever X-Forwarded-For says", async () => {
    const headers = { "x-forwarded-for": "198.51.100.1", [PEER_ADDRESS_HEADER]: "198.51.100.2" };
    expect(await (await fetch(url, { headers })).json()).toEqual({ seen: "127.0.0.1", sent: "198.51.100.2" });
  });
});
