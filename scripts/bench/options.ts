// Command-line options of `npm run bench` and the scenarios they select.
import { parseArgs } from "node:util";
import { z } from "zod";

export interface Scenario {
  id: string;
  label: string;
  users: number;
  stock: number;
}

export const DEFAULT_SCENARIOS: readonly Scenario[] = [
  { id: "small", label: "1,000 users / 100 units", users: 1_000, stock: 100 },
  { id: "storm", label: "10,000 users / 100 units (sold-out storm)", users: 10_000, stock: 100 },
  { id: "sustained", label: "10,000 users / 5,000 units (sustained selling)", users: 10_000, stock: 5_000 },
];

/** `--quick` keeps each scenario's shape at a tenth of its size. */
const QUICK_DIVISOR = 10;

export interface BenchOptions {
  scenarios: Scenario[];
  concurrency: number;
  build: boolean;
  quick: boolean;
  /** Write a V8 CPU profile of the server (NODE_OPTIONS=--cpu-prof) into this folder. */
  profileDir: string | null;
  /** Serve QStash's order deliveries from a second `next start` (as separate serverless invocations would). */
  callbackInstance: boolean;
  /** Which targets to drive; the default is all of them. */
  targets: BenchTarget[];
  outDir: string;
}

export const BENCH_TARGETS = ["stampede", "postgres-only", "noop", "lua", "postgres-tx"] as const;
export type BenchTarget = (typeof BENCH_TARGETS)[number];

const count = (name: string) =>
  z.coerce
    .number({ error: `--${name} must be a number` })
    .int()
    .positive(`--${name} must be a positive integer`);

const rawSchema = z.object({
  concurrency: count("concurrency").default(200),
  users: count("users").optional(),
  stock: z.coerce.number().int().min(0, "--stock must be 0 or more").optional(),
  scenario: z.string().optional(),
  targets: z.string().optional(),
  quick: z.boolean().default(false),
  "no-build": z.boolean().default(false),
  "callback-instance": z.boolean().default(false),
  profile: z.string().optional(),
  out: z.string().default("bench/results"),
});

export const USAGE = `Usage: npm run bench -- [options]
  --scenario <ids>     comma-separated: ${DEFAULT_SCENARIOS.map((s) => s.id).join(", ")} (default: all)
  --users N --stock M  one custom scenario instead
  --concurrency N      requests in flight (default 200)
  --targets <list>     ${BENCH_TARGETS.join(", ")} (default: all)
  --quick              every scenario at a tenth of its size
  --no-build           reuse the existing .next build
  --profile <dir>      write a CPU profile of the server to <dir>
  --callback-instance  QStash delivers orders to a second next start, not the one under load
  --out <dir>          results folder (default bench/results)`;

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      concurrency: { type: "string" },
      users: { type: "string" },
      stock: { type: "string" },
      scenario: { type: "string" },
      targets: { type: "string" },
      quick: { type: "boolean" },
      "no-build": { type: "boolean" },
      "callback-instance": { type: "boolean" },
      profile: { type: "string" },
      out: { type: "string" },
    },
  });
  const raw = rawSchema.parse(values);
  return {
    scenarios: selectScenarios(raw),
    concurrency: raw.concurrency,
    build: !raw["no-build"],
    quick: raw.quick,
    profileDir: raw.profile ?? null,
    callbackInstance: raw["callback-instance"],
    targets: selectTargets(raw.targets),
    outDir: raw.out,
  };
}

function selectScenarios(raw: z.infer<typeof rawSchema>): Scenario[] {
  if ((raw.users === undefined) !== (raw.stock === undefined)) throw new Error("--users and --stock go together");
  let scenarios: Scenario[];
  if (raw.users !== undefined && raw.stock !== undefined) {
    scenarios = [
      { id: "custom", label: `${raw.users} users / ${raw.stock} units`, users: raw.users, stock: raw.stock },
    ];
  } else if (raw.scenario) {
    scenarios = raw.scenario.split(",").map((id) => {
      const found = DEFAULT_SCENARIOS.find((scenario) => scenario.id === id.trim());
      if (!found) throw new Error(`unknown scenario "${id}" (known: ${DEFAULT_SCENARIOS.map((s) => s.id).join(", ")})`);
      return found;
    });
  } else {
    scenarios = [...DEFAULT_SCENARIOS];
  }
  if (!raw.quick) return scenarios;
  return scenarios.map((scenario) => ({
    ...scenario,
    label: `${scenario.label}, quick: ${Math.ceil(scenario.users / QUICK_DIVISOR)} / ${Math.ceil(scenario.stock / QUICK_DIVISOR)}`,
    users: Math.ceil(scenario.users / QUICK_DIVISOR),
    stock: Math.ceil(scenario.stock / QUICK_DIVISOR),
  }));
}

function selectTargets(list: string | undefined): BenchTarget[] {
  if (!list) return [...BENCH_TARGETS];
  return list.split(",").map((name) => {
    const target = BENCH_TARGETS.find((known) => known === name.trim());
    if (!target) throw new Error(`unknown target "${name}" (known: ${BENCH_TARGETS.join(", ")})`);
    return target;
  });
}
