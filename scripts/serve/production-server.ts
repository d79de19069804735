// The production server behind `npm start`: Next's request handler on a node:http server of our
// own, so every request carries the socket's address (./peer-address). The app is told so through
// STAMPEDE_PEER_HEADER, set in this process before Next loads its config and the app's env.
import http from "node:http";
import next from "next";
import type { ListenOptions } from "./listen-options";
import { withPeerAddress } from "./peer-address";

export interface ProductionServer {
  url: string;
  close(): Promise<void>;
}

export async function startProductionServer(options: ListenOptions & { dir: string }): Promise<ProductionServer> {
  // As `next start` does, a production server unless NODE_ENV says otherwise.
  Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? "production", STAMPEDE_PEER_HEADER: "1" });

  const server = http.createServer();
  const app = next({
    dev: false,
    dir: options.dir,
    hostname: options.hostname ?? "localhost",
    port: options.port,
    httpServer: server,
  });
  await app.prepare();
  const handle = app.getRequestHandler();
  server.on(
    "request",
    withPeerAddress((req, res) => {
      handle(req, res).catch((error: unknown) => {
        console.error("request failed:", error);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end("Internal Server Error");
      });
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  return {
    url: `http://${options.hostname ?? "localhost"}:${options.port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}
