// What scripts/serve-production.ts does for the Playwright suite: serve the production build on a
// throwaway local stack, building first when no build exists.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "../db/migrations";
import { seedIfEmpty } from "../db/seed-if-empty";
import { ensureEnvFile, loadProjectEnv, stackEnvFromProcess } from "./env-file";
import { prefixedLogger } from "./log";
import { spawnProductionServer } from "./next-process";
import { assertPortFree } from "./ports";
import { startLocalStack } from "./stack";

/** Polls the app's health route until it answers 200 (or the time runs out). */
async function waitForHealth(appUrl: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${appUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${appUrl} did not become healthy within ${timeoutMs / 1000} s`);
}

/**
 * Resolves once `next start` is spawned; from then on the process exits with it (or on SIGINT/SIGTERM),
 * stopping the stack first. With `secondPort`, a second `next start` of the same build serves the
 * same stack and namespace there, and is healthy before the first starts (so a caller waiting for
 * the first port finds both up); either one exiting stops everything. Both get the same random
 * METRICS_TOKEN, written to the stack file.
 */
export async function serveProductionBuild({
  root,
  port,
  secondPort,
}: {
  root: string;
  port: number;
  secondPort?: number;
}): Promise<void> {
  const log = prefixedLogger("stack");
  ensureEnvFile(root, log);
  loadProjectEnv(root, "production");
  await assertPortFree(port, "next start");
  if (secondPort !== undefined) await assertPortFree(secondPort, "the second next start");

  const stack = await startLocalStack({
    env: { ...stackEnvFromProcess(), DATABASE_URL: "postgresql://postgres:postgres@127.0.0.1:5432/stampede_e2e" },
    useFreePorts: true,
    qstashRetryBaseDelayMs: 100,
  });
  const appUrl = `http://localhost:${port}`;
  // A local production build: the development sign-in is allowed here (APP_URL is localhost), so
  // browser tests can sign in without an OAuth provider.
  const metricsToken = randomBytes(24).toString("hex");
  Object.assign(process.env, stack.env, {
    APP_URL: appUrl,
    STAMPEDE_NAMESPACE: `e2e-${port}`,
    AUTH_DEV_LOGIN: "true",
    METRICS_TOKEN: metricsToken,
  });
  // Where e2e fixtures find this stack's database and Redis to set up sales (e2e/helpers/stack.ts),
  // one file per port served; the token lets a test scrape /api/metrics.
  const secondUrl = secondPort === undefined ? undefined : `http://localhost:${secondPort}`;
  const stackFiles = [port, ...(secondPort === undefined ? [] : [secondPort])].map((served) => ({
    file: path.join(root, ".data", `e2e-stack-${served}.json`),
    appUrl: `http://localhost:${served}`,
  }));
  mkdirSync(path.join(root, ".data"), { recursive: true });
  for (const { file, appUrl: servedUrl } of stackFiles) {
    const stackInfo = {
      pid: process.pid,
      appUrl: servedUrl,
      appUrls: [appUrl, ...(secondUrl ? [secondUrl] : [])],
      namespace: process.env.STAMPEDE_NAMESPACE,
      metricsToken,
      env: stack.env,
    };
    writeFileSync(file, JSON.stringify(stackInfo), { mode: 0o600 });
  }
  const stopAll = async (code: number) => {
    for (const { file } of stackFiles) rmSync(file, { force: true });
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

  if (secondPort !== undefined && secondUrl) {
    log(`serving the production build a second time on ${secondUrl}`);
    // Its own public URL (QStash calls back the instance that published); the same namespace.
    spawnProductionServer(["--port", String(secondPort)], {
      ...process.env,
      APP_URL: secondUrl,
      NODE_ENV: "production",
    }).on("exit", (code) => void stopAll(code ?? 0));
    await waitForHealth(secondUrl);
  }
  log(`serving the production build on ${appUrl}`);
  // Served as `npm start` serves it, so the per-address limit sees real client addresses.
  spawnProductionServer(["--port", String(port)], { ...process.env, NODE_ENV: "production" }).on(
    "exit",
    (code) => void stopAll(code ?? 0),
  );
}
