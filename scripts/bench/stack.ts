// The bench's throwaway services: a fresh PostgreSQL cluster and database (migrated), a memory-only
// redis-server behind the Upstash REST endpoint, and the local QStash. Composed here rather than
// through startLocalStack because the bench also needs redis-server's own address (the bare
// script ceiling) and QStash's counters (to know when deliveries have settled).
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../db/migrations";
import { findFreePort } from "../local-stack/ports";
import { startEmbeddedPostgres } from "../local-stack/postgres";
import { startLocalQStash, type RunningLocalQStash } from "../local-stack/qstash/server";
import { startRedisServer } from "../local-stack/redis-server";
import { LOCAL_DEFAULTS } from "../local-stack/service-urls";
import type { StackEnv } from "../local-stack/stack";
import { startUpstashRedisRest } from "../local-stack/upstash-redis-rest/server";

export interface BenchStack {
  env: StackEnv;
  /** redis://127.0.0.1:PORT of the redis-server behind the REST endpoint. */
  redisUrl: string;
  qstash: RunningLocalQStash;
  stop(): Promise<void>;
}

export async function startBenchStack(options: { root: string; log: (line: string) => void }): Promise<BenchStack> {
  const stoppers: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch(() => undefined);
  };
  try {
    const dataDir = path.join(tmpdir(), `stampede-bench-pg-${process.pid}-${Date.now()}`);
    const postgres = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), persistent: false });
    stoppers.push(async () => {
      await postgres.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
    await postgres.ensureDatabase("stampede_bench");
    const databaseUrl = postgres.urlFor("stampede_bench");
    // The local cluster trades durability for speed (synchronous_commit=off); production Postgres
    // flushes every commit, and the Postgres-only baseline must pay what it would pay there.
    await withClient(databaseUrl, (client) =>
      client.query("ALTER DATABASE stampede_bench SET synchronous_commit = on"),
    );
    await applyMigrations({
      connectionString: databaseUrl,
      migrationsDir: path.join(options.root, "prisma/migrations"),
      log: () => undefined,
    });

    const redisServer = await startRedisServer();
    stoppers.push(() => redisServer.stop());
    const redisToken = randomBytes(16).toString("hex");
    const rest = await startUpstashRedisRest({ redisUrl: redisServer.url, token: redisToken });
    stoppers.push(() => rest.close());

    const qstash = await startLocalQStash({
      token: LOCAL_DEFAULTS.QSTASH_TOKEN,
      currentSigningKey: LOCAL_DEFAULTS.QSTASH_CURRENT_SIGNING_KEY,
      nextSigningKey: LOCAL_DEFAULTS.QSTASH_NEXT_SIGNING_KEY,
      retryBaseDelayMs: 100,
    });
    stoppers.push(() => qstash.close());
    options.log(
      `stack up: postgres :${postgres.port}, redis ${redisServer.url} behind ${rest.url}, qstash ${qstash.url}`,
    );

    return {
      env: {
        DATABASE_URL: databaseUrl,
        UPSTASH_REDIS_REST_URL: rest.url,
        UPSTASH_REDIS_REST_TOKEN: redisToken,
        QSTASH_URL: qstash.url,
        QSTASH_TOKEN: LOCAL_DEFAULTS.QSTASH_TOKEN,
        QSTASH_CURRENT_SIGNING_KEY: LOCAL_DEFAULTS.QSTASH_CURRENT_SIGNING_KEY,
        QSTASH_NEXT_SIGNING_KEY: LOCAL_DEFAULTS.QSTASH_NEXT_SIGNING_KEY,
      },
      redisUrl: redisServer.url,
      qstash,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function withClient(connectionString: string, run: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}
