// Prisma CLI configuration (Prisma 7 reads the connection URL here, not from schema.prisma).
// `prisma generate` needs no database, so a missing DATABASE_URL is only an error for the
// commands that connect; those report it themselves.
import { existsSync } from "node:fs";
import { defineConfig } from "prisma/config";

// Prisma 7 no longer reads .env on its own; values already in the environment win.
if (existsSync(".env")) process.loadEnvFile(".env");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx scripts/db-seed.ts",
  },
  datasource: {
    url: process.env.DATABASE_URL,
  },
});
