// Where the bench's figures go: bench/results/<date>.json with everything measured, and for a full
// default run also latest.json and latest.md (the table the README's performance section shows).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BENCH_TARGETS, DEFAULT_SCENARIOS, type BenchOptions } from "./options";
import { evaluateTargets, scenarioRatios, type RunRecord } from "./report";

export function describeMachine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

function gitCommit(root: string): string | null {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: root, encoding: "utf8" }).trim() !== "";
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return null;
  }
}

/** A run of every default scenario and path is what latest.* describe; anything narrower is kept apart. */
export function resultsVariant(options: BenchOptions): string | null {
  if (options.quick) return "quick";
  if (options.callbackInstance) return "callback-instance";
  const allScenarios =
    options.scenarios.length === DEFAULT_SCENARIOS.length &&
    DEFAULT_SCENARIOS.every((scenario) =>
      options.scenarios.some((chosen) => chosen.id === scenario.id && chosen.users === scenario.users),
    );
  const allTargets = BENCH_TARGETS.every((target) => options.targets.includes(target));
  return allScenarios && allTargets ? null : "partial";
}

export function writeResults(input: {
  root: string;
  options: BenchOptions;
  runs: RunRecord[];
  markdown: string;
  machine: string;
  startedAt: Date;
}): string[] {
  const dir = path.resolve(input.root, input.options.outDir);
  mkdirSync(dir, { recursive: true });
  const variant = resultsVariant(input.options);
  const date = input.startedAt.toISOString().slice(0, 10);
  const json = `${JSON.stringify(
    {
      startedAt: input.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      commit: gitCommit(input.root),
      machine: input.machine,
      concurrency: input.options.concurrency,
      orderCallbacks: input.options.callbackInstance ? "second next start instance" : "the server under load",
      variant: variant ?? "full",
      scenarios: input.options.scenarios,
      notes: [
        "Every shopper fires once; each gets its own x-forwarded-for address (10.x.y.z) so the per-address limit sees distinct clients.",
        "Latency is measured by the load generator (a separate process): request sent to last byte received, over keep-alive connections opened during the warm-up and reused by every run (next start --keepAliveTimeout 120000), as a CDN or load balancer in front of the app would hold them.",
        "ordersInPostgresMs: from the last RESERVED answer until the sale's order count in Postgres reached min(stock, users), watched every 20 ms from the start of the run (0: every order was in before the last answer).",
        "The bench database runs with synchronous_commit=on (PostgreSQL's default, as in production); the local dev cluster turns it off.",
        "peakServerRssMb: highest summed VmRSS of the next start process tree, sampled every 100 ms while the load ran.",
        "cpuMsPerRequest: CPU time per request of each process group while the load ran (from /proc, 10 ms ticks); stand-ins = the bench process, which hosts the local Upstash REST and QStash servers; other processes = everything else on the machine.",
      ],
      targets: evaluateTargets(input.runs),
      ratios: scenarioRatios(input.runs),
      runs: input.runs,
    },
    // Infinity (orders that never all reached Postgres) would otherwise read as null, "not applicable".
    (_key, value: unknown) => (value === Number.POSITIVE_INFINITY ? "not within 60 s" : value),
    2,
  )}\n`;
  const file = path.join(dir, `${date}${variant ? `-${variant}` : ""}.json`);
  writeFileSync(file, json);
  const written = [file];
  if (!variant) {
    copyFileSync(file, path.join(dir, "latest.json"));
    writeFileSync(path.join(dir, "latest.md"), input.markdown);
    written.push(path.join(dir, "latest.json"), path.join(dir, "latest.md"));
  }
  return written.map((item) => path.relative(input.root, item));
}
