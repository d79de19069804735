// The order of a deployment build and its one real decision: which tool applies the migrations.
// Every step is injected, so the decisions are unit-tested without a database, a network or Vercel.
//
// Two migration paths exist on purpose. `prisma migrate deploy` is the reference tool and what
// Vercel runs, but it needs Prisma's native schema engine, downloaded at first use; where that
// download is impossible (an offline CI, a locked-down network) the project's own applier
// (scripts/db/migrations.ts) does the same job with only `pg`: same `_prisma_migrations` table,
// checksums and advisory lock, so either tool can take over a database the other one migrated.
import type { CommandResult } from "./run-command";
import type { EngineProbe } from "./prisma-engine";

export type BuildStepName = "env" | "migrate" | "generate" | "next-build" | "schedules";

export class BuildStepError extends Error {
  constructor(
    readonly step: BuildStepName,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "BuildStepError";
  }
}

export interface BuildSteps {
  /** Throws with the readable list of missing or malformed variables. */
  validateEnv(): Promise<void>;
  schemaEngineInstalled(): boolean;
  probeEngineDownload(): Promise<EngineProbe>;
  prismaMigrateDeploy(): Promise<CommandResult>;
  isEngineDownloadFailure(output: string): boolean;
  /** The project's applier; resolves to the names of the migrations it applied. */
  applyMigrations(): Promise<string[]>;
  prismaGenerate(): Promise<CommandResult>;
  nextBuild(): Promise<CommandResult>;
  /** Creates or updates this deployment's QStash reconcile schedule. */
  syncSchedules(): Promise<string>;
}

export interface BuildOptions {
  /** For deployments whose database is migrated elsewhere (e.g. previews sharing one database). */
  skipMigrations: boolean;
  syncSchedules: boolean;
  log: (line: string) => void;
}

export type MigrationTool = "prisma-migrate-deploy" | "stampede-applier" | "skipped";

export interface MigrationOutcome {
  tool: MigrationTool;
  reason: string;
  applied?: string[];
}

export interface BuildReport {
  migrations: MigrationOutcome;
  schedule?: string;
}

async function withOwnApplier(steps: BuildSteps, reason: string, log: BuildOptions["log"]): Promise<MigrationOutcome> {
  log(`migrate: ${reason}; applying with scripts/db/migrations.ts`);
  try {
    const applied = await steps.applyMigrations();
    return { tool: "stampede-applier", reason, applied };
  } catch (error) {
    throw new BuildStepError(
      "migrate",
      `migrations failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** Prisma's own tool when its engine is at hand or downloadable, the project's applier otherwise. */
export async function migrateDatabase(steps: BuildSteps, log: BuildOptions["log"]): Promise<MigrationOutcome> {
  let reason = "schema engine installed";
  if (!steps.schemaEngineInstalled()) {
    const probe = await steps.probeEngineDownload();
    if (!probe.ok) return withOwnApplier(steps, `Prisma's schema engine cannot be downloaded: ${probe.reason}`, log);
    reason = "schema engine downloadable";
  }
  log(`migrate: ${reason}; running prisma migrate deploy`);
  const result = await steps.prismaMigrateDeploy();
  if (result.code === 0) return { tool: "prisma-migrate-deploy", reason };
  // Only a failed download may switch tools: a migration that failed would fail the same way, and
  // Prisma has recorded it in _prisma_migrations for someone to resolve.
  if (steps.isEngineDownloadFailure(result.output)) {
    return withOwnApplier(steps, "prisma migrate deploy could not download its schema engine", log);
  }
  throw new BuildStepError("migrate", `prisma migrate deploy failed (exit ${result.code}); see its output above.`);
}

async function runCommandStep(step: BuildStepName, label: string, run: () => Promise<CommandResult>) {
  const result = await run();
  if (result.code !== 0) throw new BuildStepError(step, `${label} failed (exit ${result.code}); see its output above.`);
}

export async function runVercelBuild(steps: BuildSteps, options: BuildOptions): Promise<BuildReport> {
  const { log } = options;
  try {
    await steps.validateEnv();
  } catch (error) {
    throw new BuildStepError("env", error instanceof Error ? error.message : String(error), { cause: error });
  }
  log("env: valid");

  const migrations = options.skipMigrations
    ? { tool: "skipped" as const, reason: "skipped on request" }
    : await migrateDatabase(steps, log);
  log(`migrate: ${migrations.tool}${migrations.applied ? ` (${migrations.applied.length} applied)` : ""}`);

  await runCommandStep("generate", "prisma generate", () => steps.prismaGenerate());
  await runCommandStep("next-build", "next build", () => steps.nextBuild());

  if (!options.syncSchedules) return { migrations };
  try {
    return { migrations, schedule: await steps.syncSchedules() };
  } catch (error) {
    throw new BuildStepError(
      "schedules",
      `QStash schedule sync failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}
