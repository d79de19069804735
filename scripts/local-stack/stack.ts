// Starts the services the app needs on this machine — PostgreSQL, redis-server behind an
// Upstash-compatible REST endpoint, and a QStash-compatible server — for whichever of them the
// environment points at localhost. Used by `npm run dev`, the Playwright server and the test suite.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { prefixedLogger } from "./log";
import { findFreePort } from "./ports";
import { startEmbeddedPostgres } from "./postgres";
import { startLocalQStash } from "./qstash/server";
import { startRedisServer } from "./redis-server";
import { isLocalUrl, parseDatabaseUrl, portOf } from "./service-urls";
import { startUpstashRedisRest } from "./upstash-redis-rest/server";

export interface StackEnv {
  DATABASE_URL: string;
  UPSTASH_REDIS_REST_URL: string;
  UPSTASH_REDIS_REST_TOKEN: string;
  QSTASH_URL: string;
  QSTASH_TOKEN: string;
  QSTASH_CURRENT_SIGNING_KEY: string;
  QSTASH_NEXT_SIGNING_KEY: string;
}

export interface StackOptions {
  env: StackEnv;
  /** Where Postgres, Redis and the QStash journal keep data between runs; omit for throwaway state (tests). */
  dataDir?: string;
  /** Explicit ports are honoured (and reported when taken); `0` picks free ones (tests). */
  useFreePorts?: boolean;
  qstashRetryBaseDelayMs?: number;
  quiet?: boolean;
}

export interface RunningStack {
  env: StackEnv;
  /** Which services this process started (the others are external). */
  started: string[];
  stop(): Promise<void>;
}

export async function startLocalStack(options: StackOptions): Promise<RunningStack> {
  const env = { ...options.env };
  const stoppers: Array<() => Promise<void>> = [];
  const started: string[] = [];
  const log = (source: Parameters<typeof prefixedLogger>[0]) =>
    options.quiet ? () => undefined : prefixedLogger(source);
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch(() => undefined);
  };

  try {
    const tasks: Promise<void>[] = [];

    if (isLocalUrl(env.DATABASE_URL)) {
      tasks.push(
        (async () => {
          const target = parseDatabaseUrl(env.DATABASE_URL);
          const dataDir = options.dataDir
            ? path.join(options.dataDir, "postgres")
            : path.join(tmpdir(), `stampede-pg-${process.pid}-${Date.now()}`);
          const port = options.useFreePorts ? await findFreePort() : target.port;
          const postgres = await startEmbeddedPostgres({
            dataDir,
            port,
            user: target.user,
            password: target.password,
            persistent: Boolean(options.dataDir),
            onLog: options.quiet ? undefined : filterPostgresNoise(log("postgres")),
          });
          stoppers.push(() => postgres.stop());
          await postgres.ensureDatabase(target.database);
          env.DATABASE_URL = postgres.urlFor(target.database);
          started.push("postgres");
        })(),
      );
    }

    if (isLocalUrl(env.UPSTASH_REDIS_REST_URL)) {
      tasks.push(
        (async () => {
          const redisServer = await startRedisServer({
            dataDir: options.dataDir ? path.join(options.dataDir, "redis") : undefined,
            onLog: log("redis"),
          });
          stoppers.push(() => redisServer.stop());
          const rest = await startUpstashRedisRest({
            redisUrl: redisServer.url,
            token: env.UPSTASH_REDIS_REST_TOKEN,
            port: options.useFreePorts ? 0 : portOf(env.UPSTASH_REDIS_REST_URL, 80),
            onLog: log("upstash"),
          });
          stoppers.push(() => rest.close());
          env.UPSTASH_REDIS_REST_URL = rest.url;
          started.push("redis");
        })(),
      );
    }

    if (isLocalUrl(env.QSTASH_URL)) {
      tasks.push(
        (async () => {
          // QStash is always journaled, as the hosted service is durable: kept under dataDir between
          // runs, otherwise in a directory of its own for this stack's lifetime.
          const dataDir = options.dataDir
            ? path.join(options.dataDir, "qstash")
            : mkdtempSync(path.join(tmpdir(), "stampede-qstash-"));
          if (!options.dataDir) stoppers.push(async () => rmSync(dataDir, { recursive: true, force: true }));
          const qstash = await startLocalQStash({
            token: env.QSTASH_TOKEN,
            currentSigningKey: env.QSTASH_CURRENT_SIGNING_KEY,
            nextSigningKey: env.QSTASH_NEXT_SIGNING_KEY,
            port: options.useFreePorts ? 0 : portOf(env.QSTASH_URL, 80),
            retryBaseDelayMs: options.qstashRetryBaseDelayMs,
            dataDir,
            onLog: log("qstash"),
          });
          stoppers.push(() => qstash.close());
          env.QSTASH_URL = qstash.url;
          started.push("qstash");
        })(),
      );
    }

    const results = await Promise.allSettled(tasks);
    const failure = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
    if (failure) throw failure.reason;
    return { env, started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Postgres is chatty at start-up and checkpoints; keep warnings and errors, drop routine lines. */
function filterPostgresNoise(write: (line: string) => void) {
  return (line: string) => {
    if (/\b(WARNING|ERROR|FATAL|PANIC)\b/.test(line) || line.includes("ready to accept connections")) write(line);
  };
}
