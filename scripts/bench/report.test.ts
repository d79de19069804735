import { describe, expect, it } from "vitest";
import type { BenchTarget } from "./options";
import { renderMarkdown } from "./markdown";
import { evaluateTargets, scenarioRatios, type RunRecord } from "./report";

function run(scenario: string, target: BenchTarget, rps: number, extra: Partial<RunRecord> = {}): RunRecord {
  const users = scenario === "small" ? 1_000 : 10_000;
  return {
    scenario,
    scenarioLabel: scenario,
    users,
    stock: scenario === "sustained" ? 5_000 : 100,
    target,
    concurrency: 200,
    requests: users,
    elapsedMs: (users / rps) * 1000,
    requestsPerSecond: rps,
    latencyMs: { count: users, mean: 50, p50: 40, p95: 90, p99: 120, max: 300 },
    outcomes: { RESERVED: 100, SOLD_OUT: users - 100 },
    errors: 0,
    ordersInPostgresMs: target === "stampede" ? 800 : null,
    peakServerRssMb: 400,
    cpuMsPerRequest: { server: 1.5 },
    machineBusyCores: 2,
    redisScriptsPerRequest: 1,
    orderDeliveries: null,
    loadAverageAtStart: 1,
    errorSamples: [],
    invariants: [{ name: "orders", ok: true, expected: 100, actual: 100 }],
    ...extra,
  };
}

const allMet = [
  run("small", "stampede", 3_000),
  run("small", "postgres-only", 500),
  run("small", "noop", 6_000),
  run("storm", "stampede", 9_000),
  run("storm", "postgres-only", 1_000),
  run("storm", "noop", 10_000),
  run("sustained", "stampede", 2_500),
  run("sustained", "postgres-only", 400),
  run("sustained", "noop", 9_000),
];

const met = (runs: RunRecord[]) => Object.fromEntries(evaluateTargets(runs).map((target) => [target.name, target.met]));

describe("scenarioRatios", () => {
  it("divides our throughput by each baseline within a scenario", () => {
    const [small] = scenarioRatios(allMet);
    expect(small).toMatchObject({ scenario: "small", overPostgresOnly: 6, overNoop: 0.5, overLua: null });
  });
});

describe("evaluateTargets", () => {
  it("passes every target when each goal is met", () => {
    expect(Object.values(met(allMet))).toEqual([true, true, true, true, true, true]);
  });

  it("judges the Postgres-only and no-op ratios by the weakest scenario", () => {
    const weak = allMet.map((item) =>
      item.scenario === "sustained" && item.target === "stampede" ? { ...item, requestsPerSecond: 1_900 } : item,
    );
    expect(met(weak)["reserve ÷ Postgres-only throughput"]).toBe(false);
    expect(met(weak)["reserve ÷ no-op procedure throughput"]).toBe(false);
  });

  it("fails on one broken invariant, a slow p99, a slow drain or a storm no faster than selling", () => {
    const broken = [
      ...allMet,
      run("storm", "lua", 50_000, { invariants: [{ name: "stock", ok: false, expected: 0, actual: -1 }] }),
    ];
    expect(met(broken).invariants).toBe(false);
    const slow = allMet.map((item) =>
      item.scenario === "small" && item.target === "stampede"
        ? { ...item, latencyMs: { ...item.latencyMs, p99: 150 }, ordersInPostgresMs: Number.POSITIVE_INFINITY }
        : item,
    );
    expect(met(slow)["reserve p99, 1,000 users"]).toBe(false);
    expect(met(slow)["every order in Postgres after the last reservation"]).toBe(false);
    const flatStorm = allMet.map((item) =>
      item.scenario === "storm" && item.target === "stampede" ? { ...item, requestsPerSecond: 7_000 } : item,
    );
    expect(met(flatStorm)["sold-out storm ÷ sustained selling throughput"]).toBe(false);
  });

  it("says a target was not measured instead of passing it", () => {
    const onlySmall = allMet.filter((item) => item.scenario === "small");
    expect(met(onlySmall)["sold-out storm ÷ sustained selling throughput"]).toBeNull();
    expect(met([])["reserve p99, 1,000 users"]).toBeNull();
  });
});

describe("renderMarkdown", () => {
  it("prints one row per run, the ratios and the targets", () => {
    const markdown = renderMarkdown({ runs: allMet, concurrency: 200, machine: "2 × test CPU" });
    expect(markdown).toContain("Concurrency 200; 2 × test CPU.");
    expect(markdown).toContain("| small | Stampede (Redis + QStash) | 3,000 | 40.0 | 90.0 | 120.0 | 300.0 |");
    expect(markdown).toContain("| small | 3,000 | 500 | 6.00× | 6,000 | 50% |");
    expect(markdown).toMatch(/\| invariants \| 0 violations \| 0 violation\(s\) \| yes \|/);
    expect(markdown.split("\n").filter((line) => line.startsWith("| storm |"))).toHaveLength(4);
  });
});
