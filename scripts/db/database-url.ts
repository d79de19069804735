// DATABASE_URL for the command-line scripts (migrate, seed). They skip src/env.ts on purpose:
// migrating must not require Redis, QStash or auth settings to be present.
import { existsSync } from "node:fs";
import { z } from "zod";

const databaseUrl = z.url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgres:// URL" });

export function readDatabaseUrl(): string {
  // Like the Prisma CLI config: a local .env fills in what the environment leaves unset.
  if (existsSync(".env")) process.loadEnvFile(".env");
  const value = process.env.DATABASE_URL;
  if (!value) throw new Error("DATABASE_URL is not set. Start the local stack or export DATABASE_URL=postgresql://…");
  const parsed = databaseUrl.safeParse(value);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "DATABASE_URL is invalid");
  return parsed.data;
}
