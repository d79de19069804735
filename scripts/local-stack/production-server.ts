// What scripts/serve-production.ts does for the Playwright suite: serve the production build on a
// throwaway local stack, building first when no build exists.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "../db/migrations";
import { seedIfEmpty } from "../db/seed-if-empty";
import { ensureEnvFile, loadProjectEnv, stackEnvFromProcess } from "./env-file";
import { prefixedLogger } from "./log";
import { spawnProductionServer } from "./next-process";
import { assertPortFree } from "./ports";
import { startLocalStack } from "./stack";

/**
 * Resolves once `next start` is spawned; from then on the process exits with it (or on SIGINT/SIGTERM),
 * stopping the stack first.
 */
export async function serveProductionBuild({ root, port }: { root: string; port: number }): Promise<void> {
  const log = prefixedLogger("stack");
  ensureEnvFile(root, log);
  loadProjectEnv(root, "production");
  await assertPortFree(port, "next start");

  const stack = await startLocalStack({
    env: { ...stackEnvFromProcess(), DATABASE_URL: "postgresql://postgres:postgres@127.0.0.1:5432/stampede_e2e" },
    useFreePorts: true,
    qstashRetryBaseDelayMs: 100,
  });
  const appUrl = `http://localhost:${port}`;
  // A local production build: the development sign-in is allowed here (APP_URL is localhost), so
  // browser tests can sign in without an OAuth provider.
  Object.assign(process.env, stack.env, { APP_URL: appUrl, STAMPEDE_NAMESPACE: `e2e-${port}`, AUTH_DEV_LOGIN: "true" });
  // Where e2e fixtures find this stack's database and Redis to set up sales (e2e/helpers/stack.ts).
  const stackFile = path.join(root, ".data", `e2e-stack-${port}.json`);
  mkdirSync(path.dirname(stackFile), { recursive: true });
  const stackInfo = { pid: process.pid, appUrl, namespace: process.env.STAMPEDE_NAMESPACE, env: stack.env };
  writeFileSync(stackFile, JSON.stringify(stackInfo), { mode: 0o600 });
  const stopAll = async (code: number) => {
    rmSync(stackFile, { force: true });
    await stack.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(130));
  process.on("SIGTERM", () => void stopAll(143));

  await applyMigrations({
    connectionString: stack.env.DATABASE_URL,
    migrationsDir: path.join(root, "prisma/migrations"),
    log: prefixedLogger("migrate"),
  });
  await seedIfEmpty(prefixedLogger("seed"));

  if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
    log("no production build found; running next build");
    const build = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], {
      stdio: "inherit",
      env: process.env,
    });
    if (build.status !== 0) return stopAll(build.status ?? 1);
  }

  log(`serving the production build on ${appUrl}`);
  // Served as `npm start` serves it, so the per-address limit sees real client addresses.
  spawnProductionServer(["--port", String(port)], { ...process.env, NODE_ENV: "production" }).on(
    "exit",
    (code) => void stopAll(code ?? 0),
  );
}
