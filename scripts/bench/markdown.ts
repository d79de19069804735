// The tables `npm run bench` prints and writes to bench/results/latest.md (the README's performance
// section), and the one-line progress report per run.
import { evaluateTargets, ms, perSecond, scenarioRatios, TARGET_LABELS, times, type RunRecord } from "./report";

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
        run.target === "lua" || run.target === "postgres-tx"
          ? "–"
          : `${(run.cpuMsPerRequest.server ?? 0).toFixed(2)} ms`,
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
    "| scenario | Stampede req/s | Postgres-only req/s | Stampede ÷ Postgres-only | no-op req/s | Stampede ÷ no-op | bare Lua/s | bare Postgres tx/s | bare Lua ÷ bare Postgres tx |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const item of scenarioRatios(input.runs)) {
    lines.push(
      `| ${item.scenarioLabel} | ${perSecond(item.stampede)} | ${perSecond(item.postgresOnly)} | ${times(item.overPostgresOnly)} | ${perSecond(item.noop)} | ${item.overNoop === null ? "–" : `${(item.overNoop * 100).toFixed(0)}%`} | ${perSecond(item.lua)} | ${perSecond(item.postgresTx)} | ${times(item.luaOverPostgresTx)} |`,
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
