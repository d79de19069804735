// The app as a separate process for the resilience tests (src/testing/resilience): the real tRPC
// handler, the signed QStash routes, the payment webhook and the health check, on services built by createServices
// from the env it is given — so a test can SIGKILL it mid-storm and start it again, as a crashed
// instance would be. It serves what the Next route files serve, without Next in between.
// Usage: tsx scripts/test/app-process.ts --port 4100 [--tunings '{"resume":{"graceMs":500}}']
import http from "node:http";
import { parseArgs } from "node:util";
import { env } from "~/env";
import { handleTRPCRequest } from "~/server/api/http-handler";
import { createInnerContext } from "~/server/api/trpc";
import { createSessionReader } from "~/server/auth/session-token";
import { addressSourceFrom, clientAddressFrom } from "~/server/client-address";
import { db } from "~/server/db";
import { deployment } from "~/server/deployment";
import { checkServices } from "~/server/health/check-services";
import { logger } from "~/server/logger";
import { createQStashReceiver, qstash } from "~/server/qstash";
import { redis } from "~/server/redis";
import { createServices, type ServiceTunings } from "~/server/services";
import { testChallengeVerifier } from "~/testing/challenges";
import { qstashRouteTable, testPaymentProvider } from "~/testing/webhook-routes";
import type { RouteHandler } from "~/server/webhooks/signed-qstash-route";

const { values } = parseArgs({ options: { port: { type: "string" }, tunings: { type: "string", default: "{}" } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port <= 0) throw new Error("--port <number> is required");
const tunings = JSON.parse(values.tunings) as ServiceTunings;

const challenges = testChallengeVerifier();
const payments = testPaymentProvider({ db, redis, qstash, deployment, logger });
const services = createServices({ db, redis, qstash, deployment, logger, payments, challenges }, tunings);
const readSession = createSessionReader(env.AUTH_SECRET);
const addressSource = addressSourceFrom(env);
const webhookRoutes = qstashRouteTable(services, createQStashReceiver(), () => deployment.publicUrl);

const trpc: RouteHandler = (req) =>
  handleTRPCRequest(
    req,
    async () =>
      createInnerContext({
        session: await readSession(req.headers),
        services,
        clientIp: clientAddressFrom(req.headers, addressSource),
      }),
    logger,
  );

const routes: Record<string, RouteHandler> = {
  ...webhookRoutes,
  "/api/health": async () => {
    const report = await checkServices(services.clients);
    return Response.json(report, { status: report.ok ? 200 : 503 });
  },
};

function handlerFor(pathname: string): RouteHandler | undefined {
  return pathname.startsWith("/api/trpc/") ? trpc : routes[pathname];
}

async function toRequest(req: http.IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(", "));
  }
  // Next sets the protocol on every request; the session cookie's name depends on it.
  if (!headers.has("x-forwarded-proto")) headers.set("x-forwarded-proto", "http");
  const body = chunks.length > 0 && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`), {
    method: req.method,
    headers,
    body,
  });
}

const server = http.createServer((req, res) => {
  void (async () => {
    try {
      const request = await toRequest(req);
      const handler = handlerFor(new URL(request.url).pathname);
      const response = handler ? await handler(request) : new Response("not found", { status: 404 });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      logger.error("app_process.request_failed", { message: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error");
    }
  })();
});
server.keepAliveTimeout = 65_000;

async function shutdown() {
  server.close();
  server.closeAllConnections();
  // A re-arm under way may wait for QStash for a minute; a stopping test should not.
  await Promise.race([services.resumer.settled(), new Promise((resolve) => setTimeout(resolve, 2_000))]);
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());

server.listen(port, "127.0.0.1", () => {
  // The parent waits for this exact line.
  console.log(`app-process listening on http://127.0.0.1:${port} (namespace ${deployment.namespace})`);
});
