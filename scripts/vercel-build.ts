// `npm run vercel-build [-- --skip-migrations]` – the build Vercel runs (vercel.json buildCommand):
// validate the env, apply migrations, generate the Prisma client, `next build`; then, when
// STAMPEDE_SYNC_SCHEDULES=true, create or update this deployment's QStash reconcile schedule.
// STAMPEDE_SKIP_MIGRATIONS=true does what --skip-migrations does, per Vercel environment.
// Which migration tool runs, and why there are two, is explained in scripts/deploy/build-plan.ts.
import { parseArgs } from "node:util";
import { BuildStepError, runVercelBuild } from "./deploy/build-plan";
import { createBuildSteps } from "./deploy/build-steps";
import { loadProjectEnv } from "./local-stack/env-file";

const { values } = parseArgs({ options: { "skip-migrations": { type: "boolean", default: false } } });

// As `next build` does: production mode, and .env files (none on Vercel) under the real environment.
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? "production" });
loadProjectEnv(process.cwd(), "production");

const log = (line: string) => console.log(`vercel-build: ${line}`);
const started = performance.now();
try {
  const report = await runVercelBuild(createBuildSteps(process.env, log), {
    skipMigrations: values["skip-migrations"] || process.env.STAMPEDE_SKIP_MIGRATIONS === "true",
    syncSchedules: process.env.STAMPEDE_SYNC_SCHEDULES === "true",
    log,
  });
  if (report.schedule) log(`schedule: ${report.schedule}`);
  log(
    `done in ${Math.round((performance.now() - started) / 1000)} s (migrations: ${report.migrations.tool} – ${report.migrations.reason})`,
  );
} catch (error) {
  if (error instanceof BuildStepError)
    console.error(`\nvercel-build: the ${error.step} step failed.\n${error.message}`);
  else
    console.error(`\nvercel-build failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
