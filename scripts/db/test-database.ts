// Throwaway databases for the database tests. Uses the PostgreSQL server behind DATABASE_URL when
// one is configured (the local stack's), otherwise starts a private embedded cluster for the file.
// Each test gets its own freshly created database, so files and tests run in parallel safely.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../local-stack/postgres";
import { findFreePort } from "../local-stack/ports";

export interface TestPostgres {
  /** Creates an empty database and returns its URL. */
  createDatabase(label: string): Promise<string>;
  /** Drops the databases it created and stops a cluster it started. */
  stop(): Promise<void>;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const configured = process.env.DATABASE_URL;
  if (configured) return onServer(configured, async () => {});

  const dataDir = await mkdtemp(path.join(os.tmpdir(), "stampede-test-pg-"));
  const cluster = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
  return onServer(cluster.urlFor("postgres"), async () => {
    await cluster.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
}

function onServer(serverUrl: string, shutdown: () => Promise<void>): TestPostgres {
  const created: string[] = [];
  const urlFor = (database: string) => {
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    url.search = "";
    return url.toString();
  };
  const withAdmin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: urlFor("postgres") });
    try {
      await client.connect();
    } catch (error) {
      throw new Error(
        `Cannot reach PostgreSQL at ${new URL(serverUrl).host}; start the local stack (or unset DATABASE_URL).`,
        {
          cause: error,
        },
      );
    }
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  return {
    async createDatabase(label) {
      const name = `test_${label
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "_")
        .slice(0, 30)}_${randomBytes(4).toString("hex")}`;
      await withAdmin((client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
      created.push(name);
      return urlFor(name);
    },
    async stop() {
      await withAdmin(async (client) => {
        for (const name of created.splice(0))
          await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      }).catch(() => {}); // best effort: the databases are uniquely named and harmless
      await shutdown();
    },
  };
}
