// `npm run db:seed` (also Prisma's `migrations.seed`): upsert the demo data into DATABASE_URL, then
// put the seeded sales' hot state into Redis, which the storefront reads stock from.
import { createPrismaClient } from "~/server/db/create-prisma-client";
import { readDatabaseUrl } from "./db/database-url";
import { seedDatabase } from "./db/seed";

async function main() {
  const startedAt = performance.now();
  const db = createPrismaClient(readDatabaseUrl(), { poolSize: 2 });
  try {
    const { admin, shopper, sales, orders } = await seedDatabase(db);
    console.log(`Users: ${admin.email} (${admin.role}), ${shopper.email} (${shopper.role})`);
    for (const sale of Object.values(sales))
      console.log(
        `Sale ${sale.slug}: ${sale.state}, ${sale.startsAt.toISOString()} → ${sale.endsAt.toISOString()}, ${sale.totalStock} units`,
      );
    console.log(`Orders: ${orders.length}. Seeded in ${Math.round(performance.now() - startedAt)} ms.`);
    // Imported only now: they read the full app environment, which seeding the database does not need.
    const [{ redis }, { deployment }, { rearmAllSales }] = await Promise.all([
      import("~/server/redis"),
      import("~/server/deployment"),
      import("~/server/inventory/arm-sale"),
    ]);
    const armed = await rearmAllSales({ db, redis, namespace: deployment.namespace });
    console.log(`Armed ${armed.length} sale(s) in Redis (namespace "${deployment.namespace}").`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error("Seeding failed:", error);
  process.exitCode = 1;
});
