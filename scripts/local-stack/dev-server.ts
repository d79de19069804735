// What `npm run dev` (scripts/dev.ts) does: start the local stack (for services the env points at
// localhost), migrate, seed on first run, then `next dev`, and once the app answers, create or
// update the dev namespace's reconcile schedule in QStash, so stale reservations are persisted
// locally as they are in production without anyone running a command. One Ctrl-C stops everything.
import path from "node:path";
import { applyMigrations } from "../db/migrations";
import { seedIfEmpty } from "../db/seed-if-empty";
import { ensureEnvFile, loadProjectEnv, stackEnvFromProcess } from "./env-file";
import { prefixedLogger } from "./log";
import { once, spawnNext } from "./next-process";
import { assertPortFree } from "./ports";
import { startLocalStack, type RunningStack } from "./stack";

/**
 * Resolves once `next dev` is spawned; from then on the process exits with it (or on SIGINT/SIGTERM),
 * stopping the stack first. Rejects when something fails before that, with nothing left running.
 */
export async function runDevServer(root: string): Promise<void> {
  const log = prefixedLogger("stack");
  const startedAt = performance.now();
  const seconds = () => ((performance.now() - startedAt) / 1000).toFixed(1);

  ensureEnvFile(root, log);
  loadProjectEnv(root, "development");
  Object.assign(process.env, stackEnvFromProcess());
  // Fail on a missing or malformed variable before starting anything.
  await import("~/env");

  const appPort = Number(process.env.PORT ?? 3000);
  await assertPortFree(appPort, "next dev");

  let stack: RunningStack | undefined;
  if (process.env.LOCAL_STACK === "off") {
    log("LOCAL_STACK=off: using the services named in the environment as they are");
  } else {
    stack = await startLocalStack({ env: stackEnvFromProcess(), dataDir: path.join(root, ".data") });
    Object.assign(process.env, stack.env);
    log(`local services up in ${seconds()} s: ${stack.started.join(", ") || "none (all external)"}`);
  }

  const shutdown = once(async (code: number) => {
    await stack?.stop();
    process.exit(code);
  });
  process.on("SIGINT", () => void shutdown(130));
  process.on("SIGTERM", () => void shutdown(143));

  try {
    const applied = await applyMigrations({
      connectionString: stackEnvFromProcess().DATABASE_URL,
      migrationsDir: path.join(root, "prisma/migrations"),
      log: prefixedLogger("migrate"),
    });
    if (applied.length > 0) log(`applied ${applied.length} migration(s)`);
    await seedIfEmpty(prefixedLogger("seed"));
  } catch (error) {
    console.error(error);
    return shutdown(1);
  }

  log(`starting next dev on http://localhost:${appPort} (${seconds()} s since start)`);
  spawnNext(["dev", "--port", String(appPort)], process.env).on("exit", (code) => void shutdown(code ?? 0));
  void syncReconcileScheduleWhenUp(appPort, log);
}

const APP_UP_TIMEOUT_MS = 5 * 60_000;

/**
 * Waits until `next dev` answers (any status: the first request compiles the route), then creates
 * or updates the reconcile schedule — idempotent, keyed by the namespace. A failure is reported,
 * never fatal: the app works without it, and `npm run qstash:schedules` does the same by hand.
 */
async function syncReconcileScheduleWhenUp(appPort: number, log: (line: string) => void): Promise<void> {
  const localUrl = `http://localhost:${appPort}`;
  const deadline = Date.now() + APP_UP_TIMEOUT_MS;
  for (;;) {
    const up = await fetch(`${localUrl}/api/health`, { signal: AbortSignal.timeout(120_000) }).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline)
      return log("the app did not answer; reconcile schedule not synced (npm run qstash:schedules)");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  try {
    // Imported only now: these modules read the validated env, loaded above.
    const { deployment } = await import("~/server/deployment");
    const { syncDeploymentSchedule } = await import("../deploy/sync-schedule");
    const result = await syncDeploymentSchedule({ url: deployment.publicUrl ?? localUrl });
    log(`reconcile schedule ${result.scheduleId} ${result.action}: ${result.description}`);
  } catch (error) {
    log(
      `reconcile schedule not synced (${error instanceof Error ? error.message : String(error)}); ` +
        "run npm run qstash:schedules once it is fixed",
    );
  }
}
