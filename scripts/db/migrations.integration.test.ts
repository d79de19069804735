import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { applyMigrations, MIGRATE_ADVISORY_LOCK_KEY, MigrationError } from "./migrations";
import { startTestPostgres, type TestPostgres } from "./test-database";

const repoMigrations = path.resolve("prisma/migrations");
let server: TestPostgres;
let migrationNames: string[];
const tempDirs: string[] = [];

beforeAll(async () => {
  server = await startTestPostgres();
  const entries = await readdir(repoMigrations, { withFileTypes: true });
  migrationNames = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
});
afterAll(async () => {
  await server?.stop();
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A private copy of the repository's migrations, plus extra ones, that a test may edit. */
async function migrationsCopy(extra: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "stampede-migrations-"));
  tempDirs.push(dir);
  await cp(repoMigrations, dir, { recursive: true });
  for (const [name, script] of Object.entries(extra)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), script);
  }
  return dir;
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected the migration run to be refused"),
    (error: unknown) => {
      expect(error).toBeInstanceOf(MigrationError);
      return error as MigrationError;
    },
  );

describe("applyMigrations", () => {
  test("migrates an empty database, then finds nothing to do", async () => {
    const url = await server.createDatabase("idempotent");
    expect(await applyMigrations({ connectionString: url, migrationsDir: repoMigrations })).toEqual(migrationNames);
    expect(await applyMigrations({ connectionString: url, migrationsDir: repoMigrations })).toEqual([]);
    const rows = await withClient(url, (c) => c.query("SELECT migration_name FROM _prisma_migrations"));
    expect(rows.rows.map((r: { migration_name: string }) => r.migration_name).sort()).toEqual(migrationNames);
  });

  test("writes _prisma_migrations exactly as Prisma Migrate does", async () => {
    const url = await server.createDatabase("history");
    await applyMigrations({ connectionString: url, migrationsDir: repoMigrations });
    await withClient(url, async (client) => {
      const columns = await client.query(
        `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
           FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      );
      expect(columns.rows).toEqual([
        { column_name: "id", data_type: "character varying", length: 36, is_nullable: "NO", column_default: null },
        {
          column_name: "checksum",
          data_type: "character varying",
          length: 64,
          is_nullable: "NO",
          column_default: null,
        },
        {
          column_name: "finished_at",
          data_type: "timestamp with time zone",
          length: null,
          is_nullable: "YES",
          column_default: null,
        },
        {
          column_name: "migration_name",
          data_type: "character varying",
          length: 255,
          is_nullable: "NO",
          column_default: null,
        },
        { column_name: "logs", data_type: "text", length: null, is_nullable: "YES", column_default: null },
        {
          column_name: "rolled_back_at",
          data_type: "timestamp with time zone",
          length: null,
          is_nullable: "YES",
          column_default: null,
        },
        {
          column_name: "started_at",
          data_type: "timestamp with time zone",
          length: null,
          is_nullable: "NO",
          column_default: "now()",
        },
        {
          column_name: "applied_steps_count",
          data_type: "integer",
          length: null,
          is_nullable: "NO",
          column_default: "0",
        },
      ]);
      const pk = await client.query(
        `SELECT conname FROM pg_constraint WHERE conrelid = '_prisma_migrations'::regclass AND contype = 'p'`,
      );
      expect(pk.rows).toEqual([{ conname: "_prisma_migrations_pkey" }]);

      const rows = await client.query("SELECT * FROM _prisma_migrations ORDER BY migration_name");
      expect(rows.rows).toHaveLength(migrationNames.length);
      for (const [i, row] of rows.rows.entries()) {
        const bytes = await readFile(path.join(repoMigrations, migrationNames[i]!, "migration.sql"));
        expect(row).toMatchObject({
          migration_name: migrationNames[i],
          checksum: createHash("sha256").update(bytes).digest("hex"),
          logs: null,
          rolled_back_at: null,
          applied_steps_count: 1,
        });
        expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(row.finished_at.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      }
    });
  });

  test("refuses to run when an applied migration's file changed, and names it", async () => {
    const url = await server.createDatabase("checksum");
    const dir = await migrationsCopy();
    await applyMigrations({ connectionString: url, migrationsDir: dir });
    const first = migrationNames[0]!;
    const file = path.join(dir, first, "migration.sql");
    const original = await readFile(file, "utf8");

    await writeFile(file, original.replaceAll("\n", "\r\n")); // a git checkout on Windows is not a change
    expect(await applyMigrations({ connectionString: url, migrationsDir: dir })).toEqual([]);

    await writeFile(file, `${original}\n-- edited after it was applied\n`);
    const error = await rejection(applyMigrations({ connectionString: url, migrationsDir: dir }));
    expect(error.code).toBe("CHECKSUM_MISMATCH");
    expect(error.migrationNames).toEqual([first]);
    expect(error.message).toContain(first);
  });

  test("rolls back a failing migration, then refuses to continue until it is resolved", async () => {
    const url = await server.createDatabase("failed");
    const broken = "29990101000000_broken";
    const dir = await migrationsCopy({
      [broken]: `CREATE TABLE "Scratch" ("id" INTEGER);\nSELECT * FROM "no_such_table";\n`,
    });

    const failure = await rejection(applyMigrations({ connectionString: url, migrationsDir: dir }));
    expect(failure.code).toBe("MIGRATION_FAILED");
    expect(failure.migrationNames).toEqual([broken]);
    expect(failure.message).toContain("no_such_table");

    await withClient(url, async (client) => {
      expect((await client.query(`SELECT to_regclass('"Scratch"') AS t`)).rows[0].t).toBeNull();
      const row = await client.query(`SELECT * FROM _prisma_migrations WHERE migration_name = $1`, [broken]);
      expect(row.rows).toHaveLength(1);
      expect(row.rows[0]).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0 });
      expect(row.rows[0].logs).toContain("no_such_table");
    });

    await writeFile(path.join(dir, broken, "migration.sql"), `CREATE TABLE "Scratch" ("id" INTEGER);\n`);
    const blocked = await rejection(applyMigrations({ connectionString: url, migrationsDir: dir }));
    expect(blocked.code).toBe("FAILED_MIGRATION_FOUND");
    expect(blocked.message).toContain(broken);

    await withClient(url, (c) =>
      c.query(
        `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL`,
        [broken],
      ),
    );
    expect(await applyMigrations({ connectionString: url, migrationsDir: dir })).toEqual([broken]);
    await withClient(url, async (client) => {
      expect((await client.query(`SELECT to_regclass('"Scratch"') AS t`)).rows[0].t).toBe('"Scratch"');
    });
  });

  test("lets only one of two concurrent runs apply the migrations", async () => {
    const url = await server.createDatabase("concurrent");
    const runs = await Promise.all([
      applyMigrations({ connectionString: url, migrationsDir: repoMigrations }),
      applyMigrations({ connectionString: url, migrationsDir: repoMigrations }),
    ]);
    expect(runs.map((applied) => applied.length).sort()).toEqual([0, migrationNames.length]);
    const count = await withClient(url, (c) => c.query("SELECT count(*)::int AS n FROM _prisma_migrations"));
    expect(count.rows[0].n).toBe(migrationNames.length);
  });

  test("waits on Prisma Migrate's advisory lock, and gives up after the timeout", async () => {
    const url = await server.createDatabase("lock");
    await withClient(url, async (holder) => {
      await holder.query(`SELECT pg_advisory_lock(${MIGRATE_ADVISORY_LOCK_KEY})`);

      const timedOut = await rejection(
        applyMigrations({ connectionString: url, migrationsDir: repoMigrations, lockTimeoutMs: 200 }),
      );
      expect(timedOut.code).toBe("LOCK_TIMEOUT");

      const waiting = applyMigrations({ connectionString: url, migrationsDir: repoMigrations, lockTimeoutMs: 10_000 });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await holder.query(`SELECT to_regclass('_prisma_migrations') AS t`)).rows[0].t).toBeNull();
      await holder.query(`SELECT pg_advisory_unlock(${MIGRATE_ADVISORY_LOCK_KEY})`);
      expect(await waiting).toEqual(migrationNames);
    });
  });

  test("refuses a database that has tables but no migration history", async () => {
    const url = await server.createDatabase("not_empty");
    await withClient(url, (c) => c.query(`CREATE TABLE "Legacy" ("id" INTEGER)`));
    const error = await rejection(applyMigrations({ connectionString: url, migrationsDir: repoMigrations }));
    expect(error.code).toBe("SCHEMA_NOT_EMPTY");
    expect(error.message).toContain("Legacy");
  });

  test("refuses migrations locked to another database provider", async () => {
    const url = await server.createDatabase("provider");
    const dir = await migrationsCopy();
    await writeFile(path.join(dir, "migration_lock.toml"), 'provider = "mysql"\n');
    const error = await rejection(applyMigrations({ connectionString: url, migrationsDir: dir }));
    expect(error.code).toBe("PROVIDER_MISMATCH");
  });

  test("uses the schema named by ?schema=, as Prisma URLs do", async () => {
    const url = await server.createDatabase("named_schema");
    expect(await applyMigrations({ connectionString: `${url}?schema=shop`, migrationsDir: repoMigrations })).toEqual(
      migrationNames,
    );
    const tables = await withClient(url, (c) =>
      c.query(`SELECT table_schema, count(*)::int AS n FROM information_schema.tables
                WHERE table_schema IN ('public', 'shop') GROUP BY table_schema`),
    );
    expect(tables.rows).toEqual([{ table_schema: "shop", n: expect.any(Number) }]);
  });
});
