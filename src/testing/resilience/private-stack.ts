// A stack of its own for one resilience test file, which the test may break and mend without
// touching the shared suite stack: a memory-only redis-server (SIGKILL it, start it again empty on
// the same port) behind the Upstash REST stand-in, a local QStash with a journal on disk (kill it,
// start it again on the same port and data dir), and an embedded PostgreSQL cluster of its own
// (stop it so it refuses connections, start it again on the same port).
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations } from "../../../scripts/db/migrations";
import { findFreePort } from "../../../scripts/local-stack/ports";
import { startEmbeddedPostgres, type RunningPostgres } from "../../../scripts/local-stack/postgres";
import { startLocalQStash, type RunningLocalQStash } from "../../../scripts/local-stack/qstash/server";
import { startRedisServer, type RunningRedis } from "../../../scripts/local-stack/redis-server";
import type { StackEnv } from "../../../scripts/local-stack/stack";
import {
  startUpstashRedisRest,
  type RunningUpstashRedisRest,
} from "../../../scripts/local-stack/upstash-redis-rest/server";
import { Redis } from "@upstash/redis";

export interface PrivateStackOptions {
  /** First QStash retry delay (each next one 2.5× longer). */
  qstashRetryBaseDelayMs?: number;
}

const DATABASE = "stampede";

export async function startPrivateStack(options: PrivateStackOptions = {}) {
  const id = `${process.pid}-${randomBytes(4).toString("hex")}`;
  // Not mkdtemp: embedded Postgres runs as the `postgres` user when we are root and must reach its folder.
  const postgresDir = path.join(tmpdir(), `stampede-resilience-pg-${id}`);
  const qstashDir = path.join(tmpdir(), `stampede-resilience-qstash-${id}`);
  mkdirSync(qstashDir, { recursive: true });

  const redisToken = randomBytes(16).toString("hex");
  const qstashOptions = {
    token: randomBytes(16).toString("hex"),
    currentSigningKey: `sig_${randomBytes(12).toString("hex")}`,
    nextSigningKey: `sig_${randomBytes(12).toString("hex")}`,
    retryBaseDelayMs: options.qstashRetryBaseDelayMs ?? 100,
    dataDir: qstashDir,
  };
  const postgresPort = await findFreePort();
  const startPostgres = () => startEmbeddedPostgres({ dataDir: postgresDir, port: postgresPort, persistent: true });

  let redisServer: RunningRedis = await startRedisServer();
  const rest: RunningUpstashRedisRest = await startUpstashRedisRest({ redisUrl: redisServer.url, token: redisToken });
  let qstash: RunningLocalQStash = await startLocalQStash(qstashOptions);
  let postgres: RunningPostgres | null = await startPostgres();
  await postgres.ensureDatabase(DATABASE);
  const databaseUrl = postgres.urlFor(DATABASE);
  await applyMigrations({
    connectionString: databaseUrl,
    migrationsDir: path.resolve("prisma/migrations"),
    log: () => undefined,
  });

  const env: StackEnv = {
    DATABASE_URL: databaseUrl,
    UPSTASH_REDIS_REST_URL: rest.url,
    UPSTASH_REDIS_REST_TOKEN: redisToken,
    QSTASH_URL: qstash.url,
    QSTASH_TOKEN: qstashOptions.token,
    QSTASH_CURRENT_SIGNING_KEY: qstashOptions.currentSigningKey,
    QSTASH_NEXT_SIGNING_KEY: qstashOptions.nextSigningKey,
  };
  // A probe that neither retries nor batches: it says whether the REST stand-in reaches Redis now.
  const probe = new Redis({
    url: rest.url,
    token: redisToken,
    retry: false,
    enableAutoPipelining: false,
    enableTelemetry: false,
  });

  return {
    env,
    redis: {
      port: redisServer.port,
      /** SIGKILL: no shutdown, nothing saved (the server keeps nothing on disk anyway). */
      kill: () => redisServer.kill(),
      /**
       * Starts an empty redis-server on the same port and waits until the REST stand-in in front of
       * it answers again (it reconnects on its own); resolves with how long that took.
       */
      async restart(): Promise<number> {
        redisServer = await startRedisServer({ port: redisServer.port });
        const started = Date.now();
        for (;;) {
          const pong = await probe.ping().catch(() => null);
          if (pong === "PONG") return Date.now() - started;
          if (Date.now() - started > 10_000)
            throw new Error("the Upstash REST stand-in did not reconnect to redis-server");
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      },
      flushAll: () => probe.flushall(),
    },
    qstash: {
      stats: () => qstash.stats(),
      /** Stops at once, as a killed process would; what is on its journal survives. */
      kill: () => qstash.kill(),
      async restart(): Promise<void> {
        qstash = await startLocalQStash({ ...qstashOptions, port: qstash.port });
      },
      /** The local extension standing in for a minute passing: fires a schedule now. */
      async triggerSchedule(scheduleId: string): Promise<string> {
        const response = await fetch(`${env.QSTASH_URL}/v2/schedules/${encodeURIComponent(scheduleId)}/trigger`, {
          method: "POST",
          headers: { authorization: `Bearer ${env.QSTASH_TOKEN}` },
        });
        if (!response.ok)
          throw new Error(`triggering schedule ${scheduleId}: ${response.status} ${await response.text()}`);
        return ((await response.json()) as { messageId: string }).messageId;
      },
    },
    postgres: {
      port: postgresPort,
      /** A fast shutdown: sessions are ended and new connections are refused until start(). */
      async stop(): Promise<void> {
        await postgres?.stop();
        postgres = null;
      },
      async start(): Promise<void> {
        postgres ??= await startPostgres();
      },
    },
    async close(): Promise<void> {
      for (const stop of [() => qstash.close(), () => rest.close(), () => redisServer.stop(), () => postgres?.stop()]) {
        await Promise.resolve()
          .then(stop)
          .catch(() => undefined);
      }
      rmSync(postgresDir, { recursive: true, force: true });
      rmSync(qstashDir, { recursive: true, force: true });
    },
  };
}

export type PrivateStack = Awaited<ReturnType<typeof startPrivateStack>>;
