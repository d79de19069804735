// The bench's results: one record per run, the ratios between paths, the targets, and the
// markdown tables printed at the end (and pasted into the README). Pure functions of the records.
import type { InvariantCheck } from "./invariants";
import type { BenchTarget } from "./options";
import { ratio, type LatencySummary } from "./stats";

export interface RunRecord {
  scenario: string;
  scenarioLabel: string;
  users: number;
  stock: number;
  target: BenchTarget;
  concurrency: number;
  requests: number;
  elapsedMs: number;
  requestsPerSecond: number;
  latencyMs: LatencySummary;
  outcomes: Record<string, number>;
  errors: number;
  /** From the last RESERVED answer until every reserved order was in Postgres (Infinity: never, within 60 s); null where not applicable. */
  ordersInPostgresMs: number | null;
  peakServerRssMb: number | null;
  /** CPU ms per request by process group (server, stand-ins, load generator, postgres, redis-server, other). */
  cpuMsPerRequest: Record<string, number>;
  /** Cores the whole machine kept busy during the run: load generator, server, services, anything else. */
  machineBusyCores: number;
  /** The local QStash's order deliveries during the run and its drain (Stampede path only). */
  orderDeliveries: { published: number; delivered: number; retried: number; deadLettered: number } | null;
  /** Scripts Redis ran per request (reservation + rate limiters; the stock watcher reads with HGET). */
  redisScriptsPerRequest: number;
  /** 1-minute load average when the run started: above ~2 on this machine, something else competed. */
  loadAverageAtStart: number;
  invariants: InvariantCheck[];
  errorSamples: string[];
}

export interface TargetCheck {
  name: string;
  goal: string;
  actual: string;
  met: boolean | null;
}

export const TARGET_LABELS: Record<BenchTarget, string> = {
  stampede: "Stampede (Redis + QStash)",
  "postgres-only": "Postgres-only transaction",
  noop: "no-op procedure (ceiling)",
  lua: "bare Lua script in Redis (ceiling)",
};

const find = (runs: readonly RunRecord[], scenario: string, target: BenchTarget) =>
  runs.find((run) => run.scenario === scenario && run.target === target);

export interface ScenarioRatios {
  scenario: string;
  scenarioLabel: string;
  stampede: number | undefined;
  postgresOnly: number | undefined;
  noop: number | undefined;
  lua: number | undefined;
  overPostgresOnly: number | null;
  overNoop: number | null;
  overLua: number | null;
}

export function scenarioRatios(runs: readonly RunRecord[]): ScenarioRatios[] {
  const scenarios = [...new Map(runs.map((run) => [run.scenario, run.scenarioLabel])).entries()];
  return scenarios.map(([scenario, scenarioLabel]) => {
    const rps = (target: BenchTarget) => find(runs, scenario, target)?.requestsPerSecond;
    return {
      scenario,
      scenarioLabel,
      stampede: rps("stampede"),
      postgresOnly: rps("postgres-only"),
      noop: rps("noop"),
      lua: rps("lua"),
      overPostgresOnly: ratio(rps("stampede"), rps("postgres-only")),
      overNoop: ratio(rps("stampede"), rps("noop")),
      overLua: ratio(rps("stampede"), rps("lua")),
    };
  });
}

const times = (value: number | null) => (value === null ? "–" : `${value.toFixed(2)}×`);
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "–");
const perSecond = (value: number | undefined) =>
  value === undefined ? "–" : Math.round(value).toLocaleString("en-US");

/** The goals the bench is held to; a goal whose runs are missing is reported as not measured. */
export function evaluateTargets(runs: readonly RunRecord[]): TargetCheck[] {
  const ours = runs.filter((run) => run.target === "stampede");
  const broken = runs.flatMap((run) => run.invariants.filter((item) => !item.ok));
  const small = find(runs, "small", "stampede") ?? ours.find((run) => run.users === 1_000);
  const ratios = scenarioRatios(runs);
  const minOf = (values: Array<number | null>) => {
    const known = values.filter((value): value is number => value !== null);
    return known.length ? Math.min(...known) : null;
  };
  const overPg = minOf(ratios.map((item) => item.overPostgresOnly));
  const overNoop = minOf(ratios.map((item) => item.overNoop));
  const storm = find(runs, "storm", "stampede");
  const sustained = find(runs, "sustained", "stampede");
  const stormRatio = ratio(storm?.requestsPerSecond, sustained?.requestsPerSecond);
  const persisted = ours.map((run) => run.ordersInPostgresMs);
  const slowestPersist = persisted.some((value) => value === null)
    ? null
    : persisted.length
      ? Math.max(...(persisted as number[]))
      : null;

  return [
    { name: "invariants", goal: "0 violations", actual: `${broken.length} violation(s)`, met: broken.length === 0 },
    {
      name: "reserve p99, 1,000 users",
      goal: "< 150 ms",
      actual: small ? `${ms(small.latencyMs.p99)} ms` : "not measured",
      met: small ? small.latencyMs.p99 < 150 : null,
    },
    {
      name: "reserve ÷ Postgres-only throughput",
      goal: "≥ 5× (lowest scenario)",
      actual: overPg === null ? "not measured" : times(overPg),
      met: overPg === null ? null : overPg >= 5,
    },
    {
      name: "sold-out storm ÷ sustained selling throughput",
      goal: "≥ 3×",
      actual: stormRatio === null ? "not measured" : times(stormRatio),
      met: stormRatio === null ? null : stormRatio >= 3,
    },
    {
      name: "every order in Postgres after the last reservation",
      goal: "≤ 2,000 ms",
      actual:
        ours.length === 0
          ? "not measured"
          : slowestPersist === null
            ? "timed out"
            : `${Math.round(slowestPersist)} ms (slowest)`,
      met: ours.length === 0 ? null : slowestPersist !== null && slowestPersist <= 2_000,
    },
    {
      name: "reserve ÷ no-op procedure throughput",
      goal: "≥ 25% (lowest scenario)",
      actual: overNoop === null ? "not measured" : `${(overNoop * 100).toFixed(0)}%`,
      met: overNoop === null ? null : overNoop >= 0.25,
    },
  ];
}

function outcomeSummary(outcomes: Record<string, number>): string {
  return Object.entries(outcomes)
    .sort(([, a], [, b]) => b - a)
    .map(([kind, count]) => `${kind} ${count.toLocaleString("en-US")}`)
    .join(", ");
}

export function renderMarkdown(input: { runs: readonly RunRecord[]; concurrency: number; machine: string }): string {
  const lines = [
    `Concurrency ${input.concurrency}; ${input.machine}.`,
    "",
    "| scenario | path | req/s | p50 ms | p95 ms | p99 ms | max ms | outcomes | orders in Postgres after last reservation | server CPU per request | server RSS peak | invariants |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |",
  ];
  for (const run of input.runs) {
    const broken = run.invariants.filter((item) => !item.ok).length;
    lines.push(
      [
        run.scenarioLabel,
        TARGET_LABELS[run.target],
        perSecond(run.requestsPerSecond),
        ms(run.latencyMs.p50),
        ms(run.latencyMs.p95),
        ms(run.latencyMs.p99),
        ms(run.latencyMs.max),
        outcomeSummary(run.outcomes),
        run.ordersInPostgresMs === null
          ? "–"
          : Number.isFinite(run.ordersInPostgresMs)
            ? `${Math.round(run.ordersInPostgresMs).toLocaleString("en-US")} ms`
            : "not within 60 s",
        run.target === "lua" ? "–" : `${(run.cpuMsPerRequest.server ?? 0).toFixed(2)} ms`,
        run.peakServerRssMb === null ? "–" : `${Math.round(run.peakServerRssMb)} MB`,
        run.invariants.length === 0 ? "–" : broken === 0 ? `${run.invariants.length} ✓` : `**${broken} broken**`,
      ]
        .join(" | ")
        .replace(/^/, "| ")
        .concat(" |"),
    );
  }
  lines.push(
    "",
    "| scenario | Stampede req/s | Postgres-only req/s | Stampede ÷ Postgres-only | no-op req/s | Stampede ÷ no-op | bare Lua req/s |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const item of scenarioRatios(input.runs)) {
    lines.push(
      `| ${item.scenarioLabel} | ${perSecond(item.stampede)} | ${perSecond(item.postgresOnly)} | ${times(item.overPostgresOnly)} | ${perSecond(item.noop)} | ${item.overNoop === null ? "–" : `${(item.overNoop * 100).toFixed(0)}%`} | ${perSecond(item.lua)} |`,
    );
  }
  lines.push("", "| target | goal | measured | met |", "| --- | --- | --- | --- |");
  for (const target of evaluateTargets(input.runs)) {
    lines.push(
      `| ${target.name} | ${target.goal} | ${target.actual} | ${target.met === null ? "–" : target.met ? "yes" : "**no**"} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** One line per run for the console while the bench goes. */
export function describeRun(run: RunRecord): string {
  const broken = run.invariants.filter((item) => !item.ok).length;
  const cpu = Object.entries(run.cpuMsPerRequest)
    .filter(([, ms]) => ms >= 0.01)
    .map(([group, ms]) => `${group} ${ms.toFixed(2)}`)
    .join(", ");
  const persisted =
    run.ordersInPostgresMs === null
      ? ""
      : `  orders in Postgres +${Number.isFinite(run.ordersInPostgresMs) ? Math.round(run.ordersInPostgresMs) : "∞"} ms`;
  return (
    `  ${TARGET_LABELS[run.target].padEnd(36)} ${perSecond(run.requestsPerSecond).padStart(7)} req/s  ` +
    `p50 ${ms(run.latencyMs.p50)} p99 ${ms(run.latencyMs.p99)} ms  ${outcomeSummary(run.outcomes)}${persisted}` +
    `\n      Redis scripts/request ${run.redisScriptsPerRequest.toFixed(2)}; CPU ms/request: ${cpu}; machine ${run.machineBusyCores.toFixed(2)} cores busy, load ${run.loadAverageAtStart.toFixed(1)} at start` +
    (run.orderDeliveries ? `\n      QStash: ${JSON.stringify(run.orderDeliveries)}` : "") +
    (broken ? `\n      ${broken} INVARIANT(S) BROKEN` : "")
  );
}
