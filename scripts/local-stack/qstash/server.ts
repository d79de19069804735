// A QStash-compatible server for `npm run dev` and the tests: the app talks to it with the official
// @upstash/qstash Client and verifies its deliveries with the official Receiver. In memory, plus a
// journal when given a data directory (see journal.ts).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { assertPortFree, PortInUseError } from "../ports";
import { createContext, type QStashContext } from "./context";
import { callerIpOf, HttpError, readBody, sendError, sendJson } from "./http-util";
import { headerBag } from "./publish";
import { dlqRoute, messagesRoute, type RouteAnswer } from "./routes-admin";
import { flowControlRoute } from "./routes-flow-control";
import { localRoute } from "./routes-local";
import { publishOne } from "./routes-publish";
import { schedulesRoute } from "./routes-schedules";
import type { LocalQStashOptions, RunningLocalQStash } from "./types";

export type { LocalQStashOptions, LocalQStashStats, RunningLocalQStash } from "./types";

const HOST = "127.0.0.1";
const PUBLISH_PREFIX = "/v2/publish/";
const SCHEDULES_PREFIX = "/v2/schedules";

async function route(context: QStashContext, request: IncomingMessage): Promise<RouteAnswer> {
  const rawUrl = request.url ?? "/";
  const method = request.method ?? "GET";
  const callerIp = callerIpOf(request);

  // The destination is the raw remainder, query string included, exactly as the client appended it.
  if (rawUrl.startsWith(PUBLISH_PREFIX)) {
    if (method !== "POST") throw new HttpError(405, "publish needs POST");
    const body = await readBody(request);
    return publishOne(context, rawUrl.slice(PUBLISH_PREFIX.length), headerBag(request.headers), body, callerIp);
  }
  if (
    rawUrl === SCHEDULES_PREFIX ||
    rawUrl.startsWith(`${SCHEDULES_PREFIX}/`) ||
    rawUrl.startsWith(`${SCHEDULES_PREFIX}?`)
  ) {
    const body = await readBody(request);
    const rest = rawUrl.slice(SCHEDULES_PREFIX.length).replace(/^\//, "");
    return schedulesRoute(context, { method, rest, headers: headerBag(request.headers), body, callerIp });
  }

  const { pathname, searchParams } = new URL(rawUrl, "http://local");
  const [version, area, ...rest] = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  if (version === "v2" && area === "messages" && rest.length <= 1) return messagesRoute(context, method, rest[0]);
  if (version === "v2" && area === "dlq") return dlqRoute(context, method, rest, searchParams);
  if (version === "v2" && area === "flowControl") return flowControlRoute(context, method, rest);
  if (version === "v2" && area === "local") return localRoute(context, method, rest);
  throw new HttpError(404, `${method} ${pathname} is not supported by the local QStash`);
}

async function handle(context: QStashContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    if (request.headers.authorization !== `Bearer ${context.token}`) {
      request.resume();
      return sendError(response, 401, "unauthorized: send Authorization: Bearer <QSTASH_TOKEN>");
    }
    const answer = await route(context, request);
    if (answer.body === undefined) response.writeHead(answer.status).end();
    else sendJson(response, answer.status, answer.body);
  } catch (error) {
    if (error instanceof HttpError) return sendError(response, error.status, error.message);
    context.log(`${request.method} ${request.url} failed: ${(error as Error).stack ?? String(error)}`);
    sendError(response, 500, (error as Error).message);
  }
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new PortInUseError(port, "qstash") : error),
    );
    server.listen(port, HOST, () => resolve());
  });
}

export async function startLocalQStash(options: LocalQStashOptions): Promise<RunningLocalQStash> {
  if (options.port !== undefined) await assertPortFree(options.port, "qstash");
  const context = createContext(options);
  // Everything synchronous, so no timer or late reply runs between the call and the journal closing:
  // what the journal holds at this instant is all a restart will see, as after a SIGKILL.
  const halt = () => {
    context.closeJournal();
    context.dispatcher.abort();
    context.schedules.close();
    context.flowGate.close();
  };
  const server = createServer((request, response) => void handle(context, request, response));
  try {
    await listen(server, options.port ?? 0);
  } catch (error) {
    halt(); // recovered messages must not be delivered by a server that failed to start
    throw error;
  }

  const { port } = server.address() as AddressInfo;
  const url = `http://${HOST}:${port}`;
  context.log(`listening on ${url}`);

  const closePort = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  let stopping: Promise<void> | undefined;
  const close = async () => {
    context.schedules.close();
    await context.dispatcher.close();
    context.flowGate.close();
    context.closeJournal();
    await closePort();
  };
  const kill = () => {
    halt();
    return closePort();
  };

  return {
    url,
    port,
    stats: () => context.stats(),
    close: () => (stopping ??= close()),
    kill: () => (stopping ??= kill()),
  };
}
