// Serves Web-standard route handlers ((Request) => Response) over real HTTP on a free port, so
// the local QStash can deliver to them exactly as it delivers to the running app.
import http from "node:http";
import type { AddressInfo } from "node:net";

import type { RouteHandler } from "~/server/webhooks/signed-qstash-route";

export interface ServedRoutes {
  url: string;
  close(): Promise<void>;
}

export async function serveRoutes(routes: Record<string, RouteHandler>): Promise<ServedRoutes> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const handler = routes[url.pathname];
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
        else if (Array.isArray(value)) headers.set(name, value.join(", "));
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      try {
        const response = await handler(new Request(url, { method: req.method, headers, body }));
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      } catch (error) {
        res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
      }
    })();
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
