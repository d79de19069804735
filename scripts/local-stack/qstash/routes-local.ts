// Local extensions that hosted QStash does not have, for tools on this machine. GET /v2/local/stats
// answers the server's counters so another process (the benchmark) can price a run at Upstash's
// published per-message rates; same bearer token as every other route.
import type { QStashContext } from "./context";
import { HttpError } from "./http-util";
import type { RouteAnswer } from "./routes-admin";

export function localRoute(context: QStashContext, method: string, segments: string[]): RouteAnswer {
  if (method === "GET" && segments.length === 1 && segments[0] === "stats") {
    return { status: 200, body: context.stats() };
  }
  throw new HttpError(404, `${method} /v2/local/${segments.join("/")} is not a local QStash extension`);
}
