// Reads a Prisma migrations folder: one sub-folder per migration, applied in name order (the
// timestamp prefix), each holding migration.sql; migration_lock.toml names the provider.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { MigrationError } from "./migration-error";

export interface LocalMigration {
  /** The folder name, e.g. `20261122015122_init`; the key in `_prisma_migrations`. */
  name: string;
  script: string;
}

export async function readMigrationsDirectory(migrationsDir: string): Promise<LocalMigration[]> {
  if (!existsSync(migrationsDir)) throw new Error(`Migrations folder not found: ${migrationsDir}`);
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }); // keep a BOM: Prisma hashes it too;
  return Promise.all(
    folders.map(async (name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      if (!existsSync(file)) {
        throw new MigrationError("MISSING_SCRIPT", `Migration \`${name}\` has no migration.sql (${file}).`, [name]);
      }
      return { name, script: decoder.decode(await readFile(file)) };
    }),
  );
}

/** The `provider` recorded in migration_lock.toml, or null when there is no lock file. */
export async function readLockfileProvider(migrationsDir: string): Promise<string | null> {
  const file = path.join(migrationsDir, "migration_lock.toml");
  if (!existsSync(file)) return null;
  const match = /^\s*provider\s*=\s*"([^"]*)"/m.exec(await readFile(file, "utf8"));
  return match?.[1] ?? null;
}
