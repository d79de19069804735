// The bench's results: one record per run, the ratios between paths and the targets they are
// held to. Pure functions of the records (markdown.ts prints them).
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
  "postgres-tx": "bare Postgres transaction (ceiling)",
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
  postgresTx: number | undefined;
  overPostgresOnly: number | null;
  overNoop: number | null;
  overLua: number | null;
  /** The storage steps alone: bare Lua script ÷ bare Postgres transaction. */
  luaOverPostgresTx: number | null;
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
      postgresTx: rps("postgres-tx"),
      overPostgresOnly: ratio(rps("stampede"), rps("postgres-only")),
      overNoop: ratio(rps("stampede"), rps("noop")),
      overLua: ratio(rps("stampede"), rps("lua")),
      luaOverPostgresTx: ratio(rps("lua"), rps("postgres-tx")),
    };
  });
}

export const times = (value: number | null) => (value === null ? "–" : `${value.toFixed(2)}×`);
export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "–");
export const perSecond = (value: number | undefined) =>
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
