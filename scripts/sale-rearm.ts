// `npm run sale:rearm -- <saleId> [<saleId>…]` (or `--all`): rebuild sales' Redis state from
// Postgres after Redis lost data. Reservations still held in Redis are kept.
import { parseArgs } from "node:util";
import { loadProjectEnv } from "./local-stack/env-file";

loadProjectEnv(process.cwd(), process.env.NODE_ENV === "production" ? "production" : "development");
const { values, positionals } = parseArgs({
  options: { all: { type: "boolean", default: false } },
  allowPositionals: true,
});

const { db } = await import("~/server/db");
const { redis } = await import("~/server/redis");
const {
  deployment: { namespace },
} = await import("~/server/deployment");
const { rearmSale } = await import("~/server/inventory/arm-sale");

const saleIds = values.all
  ? (await db.sale.findMany({ where: { state: { not: "ARCHIVED" } }, select: { id: true } })).map((sale) => sale.id)
  : positionals;
if (saleIds.length === 0) {
  console.error("usage: npm run sale:rearm -- <saleId> [<saleId>…]   or   npm run sale:rearm -- --all");
  process.exit(2);
}

let failed = false;
for (const saleId of saleIds) {
  const result = await rearmSale({ db, redis, namespace }, saleId);
  if (!result) {
    console.error(`${saleId}: no such sale`);
    failed = true;
  } else {
    console.log(
      `${saleId}: stock left ${result.stockLeft}, buyers ${result.buyers}${result.overflow ? `, OVERSOLD by ${result.overflow}` : ""}`,
    );
    if (result.overflow > 0) failed = true;
  }
}
await db.$disconnect();
process.exit(failed ? 1 : 0);
