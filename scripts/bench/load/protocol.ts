// Messages between the bench runner and its load generator (a forked process, so the load it
// makes never shares an event loop with the figures it measures).

export interface HttpCaller {
  /** `name=value` of the session cookie. */
  cookie: string;
  /** Sent as x-forwarded-for: one address per shopper, so the per-address limit sees many clients. */
  ip: string;
}

export interface HttpLoadJob {
  kind: "http";
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  /** e.g. /api/trpc/purchase.reserve */
  path: string;
  /** The same JSON body for every request (superjson wire format). */
  body: string;
  /** Headers every request carries besides the caller's own (e.g. the strategy header). */
  headers: Record<string, string>;
  callers: HttpCaller[];
  concurrency: number;
}

export interface ScriptLoadJob {
  kind: "script";
  redisUrl: string;
  script: string;
  keys: string[];
  userIds: string[];
  concurrency: number;
}

export interface SqlLoadJob {
  kind: "sql";
  databaseUrl: string;
  /** Connections, like the app's own pool (DEFAULT_POOL_SIZE). */
  poolSize: number;
  saleId: string;
  userIds: string[];
  concurrency: number;
}

export type LoadJob = HttpLoadJob | ScriptLoadJob | SqlLoadJob;

export interface LoadResult {
  /** Epoch ms of the first request sent. */
  startedAt: number;
  elapsedMs: number;
  latenciesMs: number[];
  outcomes: Record<string, number>;
  /** Epoch ms when the last RESERVED answer arrived; null when nothing was reserved. */
  lastReservedAt: number | null;
  /** A few distinct error answers, for the log. */
  errorSamples: string[];
}

export type ToGenerator = { id: number; job: LoadJob } | { id: number; stop: true };
export type FromGenerator = { id: number; result: LoadResult } | { id: number; error: string };
