// The real steps behind `npm run vercel-build` (see build-plan.ts for their order and decisions).
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { applyMigrations } from "../db/migrations";
import type { BuildSteps } from "./build-plan";
import {
  enginesMirror,
  isEngineDownloadFailure,
  probeEngineDownload,
  schemaEngineInstalled,
  type EnvVars,
} from "./prisma-engine";
import { runCommand } from "./run-command";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const require = createRequire(import.meta.url);

/**
 * Hosted Postgres poolers (Neon's, Supabase's Supavisor in transaction mode) do not keep session
 * state, so the migration advisory lock needs the direct connection. The first of these that is
 * set wins; the last two are the names the Neon and Supabase Vercel integrations create.
 */
export const MIGRATION_URL_VARIABLES = [
  "DIRECT_DATABASE_URL",
  "DATABASE_URL_UNPOOLED",
  "POSTGRES_URL_NON_POOLING",
] as const;

export function migrationDatabaseUrl(env: EnvVars): { url: string; from: string } {
  for (const name of MIGRATION_URL_VARIABLES) {
    const value = env[name];
    if (value) return { url: value, from: name };
  }
  const url = env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  return { url, from: "DATABASE_URL" };
}

const node = process.execPath;
const bin = (specifier: string) => require.resolve(specifier, { paths: [repoRoot] });

export function createBuildSteps(env: NodeJS.ProcessEnv, log: (line: string) => void): BuildSteps {
  const migrationEnv = () => {
    const { url, from } = migrationDatabaseUrl(env);
    log(`migrate: using ${from}`);
    return { ...env, DATABASE_URL: url };
  };
  return {
    async validateEnv() {
      // src/env.ts validates on import and throws one error listing every bad variable.
      await import("../../src/env");
    },
    schemaEngineInstalled: () => schemaEngineInstalled(env),
    probeEngineDownload: () => probeEngineDownload(enginesMirror(env)),
    prismaMigrateDeploy: () =>
      runCommand(node, [bin("prisma/build/index.js"), "migrate", "deploy"], { cwd: repoRoot, env: migrationEnv() }),
    isEngineDownloadFailure: (output) => isEngineDownloadFailure(output, enginesMirror(env)),
    applyMigrations: () =>
      applyMigrations({
        connectionString: migrationEnv().DATABASE_URL,
        migrationsDir: path.join(repoRoot, "prisma", "migrations"),
        log,
      }),
    prismaGenerate: () =>
      runCommand(node, ["--import", "tsx", path.join(repoRoot, "scripts", "db-generate.ts")], {
        cwd: repoRoot,
        env,
      }),
    nextBuild: () => runCommand(node, [bin("next/dist/bin/next"), "build"], { cwd: repoRoot, env }),
    async syncSchedules() {
      const { syncDeploymentSchedule } = await import("./sync-schedule");
      const result = await syncDeploymentSchedule();
      return `${result.scheduleId} ${result.action}: ${result.description}`;
    },
  };
}
