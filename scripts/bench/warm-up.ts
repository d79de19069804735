// Before anything is measured, every HTTP path about to be measured is called a few thousand times
// so the server's JIT, connection pools and route modules are warm — and the bench switch is proven
// to be on: a server that ignored the strategy header would otherwise be measured as "Postgres-only".
import { PURCHASE_STRATEGY_HEADER } from "~/server/bench/switch";
import { createBenchSale, createBenchUsers, mintCallers } from "./data";
import type { LoadResult } from "./load/protocol";
import type { BenchTarget } from "./options";
import { settle } from "./measure";
import { httpJob, type BenchContext } from "./targets";

const WARM_UP_SHOPPERS = 1_000;
const WARM_UP_ROUNDS = 2;
const WARM_UP_STOCK = 400;

const SWITCH_OFF =
  "The bench switch is off on the server. The bench sets BENCH_STRATEGY_SWITCH=true; src/env.ts must declare it " +
  "(server: { …, BENCH_STRATEGY_SWITCH: flag }) and the build must include that declaration.";

function expectOnly(result: LoadResult, allowed: string[], what: string) {
  const unexpected = Object.keys(result.outcomes).filter((kind) => !allowed.includes(kind));
  if (unexpected.length === 0) return;
  if (unexpected.includes("ERROR_NOT_FOUND")) throw new Error(SWITCH_OFF);
  throw new Error(
    `warm-up: ${what} answered ${JSON.stringify(result.outcomes)}; e.g. ${result.errorSamples.join(" | ")}`,
  );
}

export async function warmUp(
  ctx: BenchContext,
  input: { secret: string; targets: readonly BenchTarget[]; log: (line: string) => void },
): Promise<void> {
  const httpTargets = input.targets.filter((target) => target !== "lua" && target !== "postgres-tx");
  if (httpTargets.length === 0) return;
  const started = performance.now();
  const users = await createBenchUsers(ctx.db, "warmup", WARM_UP_SHOPPERS);
  const callers = await mintCallers(users, input.secret);
  const buyable = ["RESERVED", "SOLD_OUT"];

  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    // A sale per path: both paths write orders, and a shopper holds at most one per sale.
    const saleFor = (path: string) => createBenchSale(ctx, { name: `warmup-${path}-${round}`, stock: WARM_UP_STOCK });
    if (httpTargets.includes("stampede")) {
      const sale = await saleFor("stampede");
      expectOnly(
        await ctx.generator.run(httpJob(ctx, "purchase.reserve", sale.id, callers)),
        buyable,
        "purchase.reserve",
      );
      // Its orders are persisted in the background on the same database pool: let that finish,
      // or the Postgres-only path's warm-up queues behind it for connections.
      await settle(ctx);
    }
    if (httpTargets.includes("postgres-only")) {
      const sale = await saleFor("postgres");
      const headers = { [PURCHASE_STRATEGY_HEADER]: "postgres" };
      const result = await ctx.generator.run(httpJob(ctx, "purchase.reserve", sale.id, callers, headers));
      expectOnly(result, buyable, "the Postgres-only path");
      const [row] = await ctx.db.$queryRaw<Array<{ stock_left: number }>>`
        SELECT stock_left FROM bench_pg_stock WHERE sale_id = ${sale.id}`;
      if (row?.stock_left !== 0) throw new Error(SWITCH_OFF);
    }
    if (httpTargets.includes("noop")) {
      const headers = { [PURCHASE_STRATEGY_HEADER]: "noop" };
      const result = await ctx.generator.run(httpJob(ctx, "purchase.reserve", "warmup", callers, headers));
      // The product's path would answer NOT_FOUND for this sale id: RESERVED proves the switch took.
      expectOnly(result, ["RESERVED"], "the no-op ceiling");
    }
  }
  input.log(
    `warm-up done in ${Math.round(performance.now() - started)} ms ` +
      `(${WARM_UP_SHOPPERS} shoppers × ${WARM_UP_ROUNDS} rounds × ${httpTargets.join(", ")})`,
  );
}
