// `npm run reconcile [-- --older-than 30]`: persist reservations whose order never arrived and
// check every sale's books. Exits 1 when an invariant is broken, so a cron or CI can alarm.
import { parseArgs } from "node:util";
import { loadProjectEnv } from "./local-stack/env-file";

loadProjectEnv(process.cwd(), process.env.NODE_ENV === "production" ? "production" : "development");
const { values } = parseArgs({ options: { "older-than": { type: "string", default: "30" } } });

const { services } = await import("~/server/app-services");
const { db, deployment } = services.clients;
const namespace = deployment.namespace;

const ledgers = await services.orders.reconcileAll({ olderThanMs: Number(values["older-than"]) * 1000 });
console.table(
  ledgers.map(({ problems, ...ledger }) => ({ ...ledger, problems: problems.length ? problems.join("; ") : "—" })),
);
const broken = ledgers.filter((ledger) => ledger.problems.length > 0);
await db.$disconnect();
if (broken.length > 0) {
  console.error(`${broken.length} sale(s) have broken invariants (see problems above).`);
  process.exit(1);
}
console.log(`reconciled ${ledgers.length} sale(s) in namespace "${namespace}"`);
