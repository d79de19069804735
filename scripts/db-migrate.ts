// `npm run db:migrate`: apply pending migrations from prisma/migrations to DATABASE_URL.
// Same history table and lock as `prisma migrate deploy`, without its downloaded engine.
import { fileURLToPath } from "node:url";
import { readDatabaseUrl } from "./db/database-url";
import { applyMigrations, MigrationError } from "./db/migrations";

const migrationsDir = fileURLToPath(new URL("../prisma/migrations", import.meta.url));

async function main() {
  const startedAt = performance.now();
  const connectionString = readDatabaseUrl();
  const applied = await applyMigrations({
    connectionString,
    migrationsDir,
    log: (line) => console.log(line),
  });
  const took = Math.round(performance.now() - startedAt);
  const where = new URL(connectionString);
  console.log(
    `${applied.length} migration(s) applied to ${where.host}${where.pathname} in ${took} ms` +
      (applied.length ? `: ${applied.join(", ")}` : ""),
  );
}

main().catch((error: unknown) => {
  if (error instanceof MigrationError) console.error(`\nMigration stopped (${error.code}): ${error.message}`);
  else console.error(`\nMigration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
