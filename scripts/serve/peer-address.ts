// What `npm start` adds to Next's own request handling: the address on the other end of the
// socket, in a header the app trusts only when told it runs behind this server (see
// src/server/client-address.ts). Whatever the client sent under that name is deleted first, so
// the value can only come from here. `next start` cannot do this: it copies the socket address
// into X-Forwarded-For only when the client sent none, so a route handler cannot tell them apart.
import type { IncomingMessage, RequestListener } from "node:http";
import { PEER_ADDRESS_HEADER } from "~/server/client-address";

export function stampPeerAddress(req: IncomingMessage): void {
  delete req.headers[PEER_ADDRESS_HEADER];
  const address = req.socket.remoteAddress;
  if (address) req.headers[PEER_ADDRESS_HEADER] = address;
}

export function withPeerAddress(listener: RequestListener): RequestListener {
  return (req, res) => {
    stampPeerAddress(req);
    listener(req, res);
  };
}
