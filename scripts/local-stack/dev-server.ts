// What `npm run dev` (scripts/dev.ts) does: start the local stack (for services the env points at
// localhost), migrate, seed on first run, then `next dev`. One Ctrl-C stops everything.
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
}
