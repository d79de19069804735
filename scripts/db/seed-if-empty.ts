// Start-up data step for `npm run dev` and the production test server: seed an empty database,
// then make sure every sale's hot state is in Redis (arming merges, so it never drops a reservation).
import { seedDatabase } from "./seed";

export async function seedIfEmpty(log: (line: string) => void): Promise<void> {
  const [{ db }, { redis }, { deployment }, { rearmAllSales }] = await Promise.all([
    import("~/server/db"),
    import("~/server/redis"),
    import("~/server/deployment"),
    import("~/server/inventory/arm-sale"),
  ]);
  if ((await db.sale.count()) === 0) {
    const seeded = await seedDatabase(db);
    log(`seeded ${seeded.admin.email} (admin), ${seeded.shopper.email} and ${Object.keys(seeded.sales).length} sales`);
  }
  const armed = await rearmAllSales({ db, redis, namespace: deployment.namespace });
  log(`armed ${armed.length} sale(s) in Redis (namespace "${deployment.namespace}")`);
}
