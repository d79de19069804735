// The storm benchmark behind `npm run bench` (scripts/bench.ts): throughput, latency and correctness
// of the buy path on the production build, against a Postgres-only baseline and three ceilings (a
// no-op procedure, the bare Lua script, the bare Postgres transaction).
// Starts a throwaway stack and `next start`, fires every shopper once from a separate process,
// checks the invariants, and writes bench/results/<date>.json, latest.json and latest.md.
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "@upstash/redis";
import { Redis as IORedis } from "ioredis";
import { createPrismaClient } from "~/server/db/create-prisma-client";
import { findFreePort } from "../local-stack/ports";
import { summarizeProfile, type CpuProfile } from "./cpu-profile";
import { createBenchStockTable, createBenchUsers, mintCallers } from "./data";
import { startLoadGenerator } from "./load/client";
import type { BenchOptions } from "./options";
import { describeMachine, writeResults } from "./results";
import { describeRun, renderMarkdown } from "./markdown";
import { TARGET_LABELS, type RunRecord } from "./report";
import { startBenchStack } from "./stack";
import { buildProduction, hasProductionBuild, startProductionServer } from "./server";
import { runTarget, settle, type BenchContext } from "./targets";
import { warmUp } from "./warm-up";

export interface BenchRun {
  /** The repository root: where `.next` and `prisma/migrations` are, and results are written under. */
  root: string;
  log: (line: string) => void;
}

/**
 * Runs the benchmark and returns the exit code: 0, or 1 when an invariant broke. Everything it
 * started (stack, servers, load generator) is stopped before it returns or throws, and on Ctrl-C.
 */
export async function runBench(options: BenchOptions, { root, log }: BenchRun): Promise<number> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    cleanups.length = 0;
  };
  const interrupted = () => void cleanUp().then(() => process.exit(130));
  process.once("SIGINT", interrupted);
  try {
    return await measureAll(options, { root, log }, cleanups);
  } finally {
    process.off("SIGINT", interrupted);
    await cleanUp();
  }
}

async function measureAll(
  options: BenchOptions,
  { root, log }: BenchRun,
  cleanups: Array<() => Promise<unknown>>,
): Promise<number> {
  const startedAt = new Date();
  const stack = await startBenchStack({ root, log });
  cleanups.push(() => stack.stop());

  const port = await findFreePort();
  const serverUrl = `http://127.0.0.1:${port}`;
  const callbackPort = options.callbackInstance ? await findFreePort() : null;
  // QStash delivers orders to APP_URL, and signatures are bound to it.
  const appUrl = callbackPort ? `http://127.0.0.1:${callbackPort}` : serverUrl;
  const namespace = `bench-${randomBytes(3).toString("hex")}`;
  const secret = randomBytes(32).toString("base64url");
  const { NODE_OPTIONS: _inheritedNodeOptions, ...inherited } = process.env;
  const serverEnv: NodeJS.ProcessEnv = {
    ...inherited,
    ...stack.env,
    NODE_ENV: "production",
    APP_URL: appUrl,
    STAMPEDE_NAMESPACE: namespace,
    AUTH_SECRET: secret,
    LOG_LEVEL: "warn",
    BENCH_STRATEGY_SWITCH: "true",
    // The load generator stands in for a trusted proxy: each shopper's address travels in
    // X-Forwarded-For, so the per-address limit sees distinct clients as in production.
    TRUSTED_PROXY_HOPS: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const logDir = path.join(tmpdir(), `stampede-bench-${process.pid}`);
  mkdirSync(logDir, { recursive: true });

  if (options.build || !hasProductionBuild(root)) {
    log("next build (about a minute)…");
    await buildProduction({ root, env: serverEnv, logFile: path.join(logDir, "next-build.log") });
  } else {
    log("reusing the existing .next build (--no-build)");
  }

  const profileDir = options.profileDir ? path.resolve(options.profileDir) : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const server = await startProductionServer({
    root,
    port,
    env: serverEnv,
    nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
    logFile: path.join(logDir, "next-start.log"),
  });
  cleanups.push(() => server.stop());
  log(`next start on ${serverUrl} (pid ${server.pid}, log ${server.logFile})`);
  const serverPids = [server.pid];
  if (callbackPort) {
    const callbacks = await startProductionServer({
      root,
      port: callbackPort,
      env: serverEnv,
      logFile: path.join(logDir, "next-start-callbacks.log"),
    });
    cleanups.push(() => callbacks.stop());
    serverPids.push(callbacks.pid);
    log(`order callbacks served by a second next start on ${appUrl} (pid ${callbacks.pid})`);
  }

  const db = createPrismaClient(stack.env.DATABASE_URL, { poolSize: 4 });
  cleanups.push(() => db.$disconnect());
  const rawRedis = new IORedis(stack.redisUrl);
  cleanups.push(() => rawRedis.quit());
  const redis = new Redis({
    url: stack.env.UPSTASH_REDIS_REST_URL,
    token: stack.env.UPSTASH_REDIS_REST_TOKEN,
    enableTelemetry: false,
  });
  await createBenchStockTable(db);
  const generator = await startLoadGenerator();
  cleanups.push(() => generator.stop());

  const ctx: BenchContext = {
    db,
    redis,
    rawRedis,
    redisUrl: stack.redisUrl,
    databaseUrl: stack.env.DATABASE_URL,
    namespace,
    serverUrl,
    serverPids,
    generator,
    concurrency: options.concurrency,
    qstashStats: () => stack.qstash.stats(),
  };
  await warmUp(ctx, { secret, targets: options.targets, log });
  await settle(ctx);

  const runs: RunRecord[] = [];
  for (const scenario of options.scenarios) {
    log(`scenario ${scenario.label}: creating ${scenario.users} shoppers and their session cookies`);
    const users = await createBenchUsers(db, scenario.id, scenario.users);
    const shoppers = { users, callers: await mintCallers(users, secret) };
    for (const target of options.targets) {
      const run = await runTarget(ctx, scenario, target, shoppers);
      runs.push(run);
      log(describeRun(run));
      for (const sample of run.errorSamples) log(`    error: ${sample}`);
      await settle(ctx);
    }
  }

  const machine = `${describeMachine()}${callbackPort ? "; order callbacks on a second next start instance" : ""}`;
  const markdown = renderMarkdown({ runs, concurrency: options.concurrency, machine });
  const written = writeResults({ root, options, runs, markdown, machine, startedAt });
  console.log(`\n${markdown}`);
  log(`results: ${written.join(", ")}`);

  await server.stop();
  if (profileDir) {
    const profiles = readdirSync(profileDir)
      .filter((file) => file.endsWith(".cpuprofile"))
      .sort();
    const newest = profiles.at(-1);
    if (newest) {
      const profile = JSON.parse(readFileSync(path.join(profileDir, newest), "utf8")) as CpuProfile;
      console.log(`\nserver CPU profile ${path.join(profileDir, newest)}\n${summarizeProfile(profile)}`);
    }
  }

  const broken = runs.flatMap((run) =>
    run.invariants
      .filter((item) => !item.ok)
      .map((item) => ({ ...item, run: `${run.scenarioLabel} / ${TARGET_LABELS[run.target]}` })),
  );
  for (const item of broken) {
    console.error(`INVARIANT BROKEN — ${item.run}: ${item.name}: expected ${item.expected}, got ${item.actual}`);
  }
  return broken.length ? 1 : 0;
}
