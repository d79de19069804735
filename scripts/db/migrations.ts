// Applies prisma/migrations the way `prisma migrate deploy` does, with only `pg`: the same
// `_prisma_migrations` table and rows, the same checksums, the same advisory lock, so either tool
// can take over a database the other one migrated.
//
// Stricter than deploy in two ways: each migration runs in an explicit transaction together with
// the row that records its success, and an already-applied migration whose file has changed stops
// the run instead of being ignored.
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { checksumMatches, migrationChecksum } from "./migration-checksum";
import { MigrationError } from "./migration-error";
import { readLockfileProvider, readMigrationsDirectory, type LocalMigration } from "./migrations-directory";

export { checksumMatches, migrationChecksum } from "./migration-checksum";
export { MigrationError, type MigrationErrorCode } from "./migration-error";
export { readMigrationsDirectory, type LocalMigration } from "./migrations-directory";

/** The key Prisma Migrate locks (pg_advisory_lock) for the whole run, so the two exclude each other. */
export const MIGRATE_ADVISORY_LOCK_KEY = 72707369;
const DEFAULT_LOCK_TIMEOUT_MS = 10_000; // Prisma's own limit

// Verbatim from Prisma's PostgreSQL connector, so both tools read and write the same table.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  logs: string | null;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export interface ApplyMigrationsOptions {
  connectionString: string;
  migrationsDir: string;
  log?: (message: string) => void;
  /** How long to wait for another migration run to finish. Default 10 s, as Prisma. */
  lockTimeoutMs?: number;
}

/** Applies every pending migration in name order; resolves to the names applied by this run. */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<string[]> {
  const log = options.log ?? (() => {});
  const migrationsDir = path.resolve(options.migrationsDir);
  const provider = await readLockfileProvider(migrationsDir);
  if (provider !== null && provider !== "postgresql")
    throw new MigrationError(
      "PROVIDER_MISMATCH",
      `${migrationsDir}/migration_lock.toml is for "${provider}", this database is PostgreSQL.`,
    );
  const local = await readMigrationsDirectory(migrationsDir);

  const url = new URL(options.connectionString);
  const dbSchema = url.searchParams.get("schema") ?? "public"; // Prisma's way of choosing the schema
  url.searchParams.delete("schema");
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await acquireMigrateLock(client, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
    await selectSchema(client, dbSchema);
    const rows = await loadMigrationRows(client, dbSchema);
    assertNoFailedMigrations(rows);
    assertAppliedUnchanged(rows, local);

    const applied = new Set(rows.filter((r) => r.rolled_back_at === null).map((r) => r.migration_name));
    const pending = local.filter((m) => !applied.has(m.name));
    log(`${local.length} migration(s) found in ${path.relative(process.cwd(), migrationsDir) || migrationsDir}`);
    if (pending.length === 0) log("No pending migrations to apply.");
    for (const migration of pending) await applyOne(client, migration, log);
    return pending.map((m) => m.name);
  } finally {
    // Ending the session releases the advisory lock even when the unlock cannot be sent.
    await client.query(`SELECT pg_advisory_unlock(${MIGRATE_ADVISORY_LOCK_KEY})`).catch(() => {});
    await client.end().catch(() => {});
  }
}

async function acquireMigrateLock(client: pg.Client, timeoutMs: number) {
  await client.query(`SET lock_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
  try {
    await client.query(`SELECT pg_advisory_lock(${MIGRATE_ADVISORY_LOCK_KEY})`);
  } catch (error) {
    if ((error as { code?: string }).code !== "55P03") throw error;
    throw new MigrationError(
      "LOCK_TIMEOUT",
      `Timed out after ${timeoutMs} ms waiting for the migration lock (pg_advisory_lock(${MIGRATE_ADVISORY_LOCK_KEY})). ` +
        "Another migration run (this tool or prisma migrate) holds it; wait for it to finish.",
      [],
      { cause: error },
    );
  } finally {
    await client.query("RESET lock_timeout");
  }
}

async function selectSchema(client: pg.Client, dbSchema: string) {
  const schema = client.escapeIdentifier(dbSchema);
  if (dbSchema !== "public") await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
}

async function loadMigrationRows(client: pg.Client, dbSchema: string): Promise<MigrationRow[]> {
  const tables = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = $1`,
    [dbSchema],
  );
  const names = tables.rows.map((r) => r.name);
  if (!names.includes("_prisma_migrations")) {
    if (names.length > 0)
      throw new MigrationError(
        "SCHEMA_NOT_EMPTY",
        `Schema "${dbSchema}" already has tables (${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""}) ` +
          "but no migration history. Migrate an empty database, or baseline this one first " +
          "(https://pris.ly/d/migrate-baseline).",
      );
    await client.query(CREATE_MIGRATIONS_TABLE);
  }
  const result = await client.query<MigrationRow>(
    `SELECT id, checksum, migration_name, logs, started_at, finished_at, rolled_back_at
       FROM _prisma_migrations ORDER BY started_at, migration_name`,
  );
  return result.rows;
}

function assertNoFailedMigrations(rows: MigrationRow[]) {
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed.length === 0) return;
  const details = failed.map((r) => {
    const logs = r.logs?.trim() ? ` with the following logs:\n${r.logs.trim()}` : "";
    return `The \`${r.migration_name}\` migration started at ${r.started_at.toISOString()} failed${logs}`;
  });
  const first = failed[0]!.migration_name;
  throw new MigrationError(
    "FAILED_MIGRATION_FOUND",
    `Found failed migrations in the database; new migrations will not be applied.\n${details.join("\n")}\n` +
      `Repair the database, then mark the migration rolled back (\`npx prisma migrate resolve --rolled-back ${first}\`, or ` +
      `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '${first}' AND finished_at IS NULL) and run again.`,
    failed.map((r) => r.migration_name),
  );
}

function assertAppliedUnchanged(rows: MigrationRow[], local: LocalMigration[]) {
  const byName = new Map(local.map((m) => [m.name, m]));
  const changed = rows
    .filter((r) => r.finished_at !== null && r.rolled_back_at === null)
    .filter((r) => {
      const file = byName.get(r.migration_name);
      return file !== undefined && !checksumMatches(file.script, r.checksum);
    })
    .map((r) => r.migration_name);
  if (changed.length === 0) return;
  throw new MigrationError(
    "CHECKSUM_MISMATCH",
    `Applied migration(s) changed on disk since they ran: ${changed.map((n) => `\`${n}\``).join(", ")}. ` +
      "Restore the original migration.sql and put the change in a new migration.",
    changed,
  );
}

async function applyOne(client: pg.Client, migration: LocalMigration, log: (message: string) => void) {
  const startedAt = performance.now();
  log(`Applying migration \`${migration.name}\``);
  const id = randomUUID();
  await client.query(
    `INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, clock_timestamp(), $3)`,
    [id, migrationChecksum(migration.script), migration.name],
  );
  try {
    await client.query("BEGIN");
    await client.query(migration.script); // no parameters: the simple protocol runs every statement
    await client.query(
      `UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp() WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    const logs = describeDatabaseError(error, migration.script);
    await client.query(`UPDATE _prisma_migrations SET logs = $2 WHERE id = $1`, [id, logs]).catch(() => {});
    throw new MigrationError(
      "MIGRATION_FAILED",
      `Migration \`${migration.name}\` failed; its changes were rolled back and the history marks it failed, ` +
        `so later runs stop until it is resolved.\n${logs}`,
      [migration.name],
      { cause: error },
    );
  }
  log(`Applied \`${migration.name}\` in ${Math.round(performance.now() - startedAt)} ms`);
}

function describeDatabaseError(error: unknown, script: string): string {
  const { code, message, position } = error as { code?: string; message?: string; position?: string };
  const where = position ? `\n\nPosition: line ${script.slice(0, Number(position) - 1).split("\n").length}` : "";
  return `Database error code: ${code ?? "unknown"}\n\nDatabase error:\nERROR: ${message ?? String(error)}${where}`;
}
