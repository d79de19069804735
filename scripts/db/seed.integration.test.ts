import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPrismaClient, type DatabaseClient } from "~/server/db/create-prisma-client";
import { applyMigrations } from "./migrations";
import { SEED_ADMIN_EMAIL, SEED_SHOPPER_EMAIL, seedDatabase } from "./seed";
import { startTestPostgres, type TestPostgres } from "./test-database";

const MINUTE = 60_000;
let server: TestPostgres;
const clients: DatabaseClient[] = [];

beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()));
  await server?.stop();
});

/** Each test seeds its own migrated, empty database. */
async function emptyDatabase(label: string): Promise<DatabaseClient> {
  const url = await server.createDatabase(label);
  await applyMigrations({ connectionString: url, migrationsDir: path.resolve("prisma/migrations") });
  const db = createPrismaClient(url, { poolSize: 2 });
  clients.push(db);
  return db;
}

describe("seedDatabase", () => {
  test("creates an admin, a shopper and a live (waitlist on), an upcoming and an ended sale", async () => {
    const db = await emptyDatabase("seed_first");
    const now = new Date();
    const { admin, shopper, sales, orders } = await seedDatabase(db, now);

    expect(admin).toMatchObject({ email: SEED_ADMIN_EMAIL, role: "ADMIN" });
    expect(shopper).toMatchObject({ email: SEED_SHOPPER_EMAIL, role: "SHOPPER" });

    expect(sales.live.state).toBe("PUBLISHED");
    expect(sales.live.startsAt.getTime()).toBe(now.getTime() - 10 * MINUTE);
    expect(sales.live.endsAt.getTime()).toBe(now.getTime() + 120 * MINUTE);
    expect(sales.live.totalStock).toBe(100);
    expect(sales.upcoming.startsAt.getTime()).toBe(now.getTime() + 60 * MINUTE);
    expect(sales.ended.state).toBe("ENDED");
    expect(sales.ended.endsAt.getTime()).toBe(now.getTime() - 24 * 60 * MINUTE);

    for (const sale of Object.values(sales)) {
      expect(sale.currency).toMatch(/^[A-Z]{3}$/);
      expect(sale.imageUrl).toMatch(/^\/products\/.+\.svg$/);
      expect(existsSync(path.join("public", sale.imageUrl!)), `${sale.imageUrl} exists under public/`).toBe(true);
    }
    expect(sales.live).toMatchObject({ holdSeconds: 600, offerSeconds: 300, waitlistEnabled: true });
    expect(sales.upcoming).toMatchObject({ holdSeconds: 900, offerSeconds: 300, waitlistEnabled: false });
    expect(sales.ended).toMatchObject({ holdSeconds: 600, offerSeconds: 300, waitlistEnabled: false });
    for (const sale of Object.values(sales)) expect(sale.offerSeconds).toBeLessThanOrEqual(sale.holdSeconds);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ saleId: sales.ended.id, userId: shopper.id, status: "CONFIRMED" });
  });

  test("running it again changes nothing and duplicates nothing", async () => {
    const db = await emptyDatabase("seed_again");
    const first = await seedDatabase(db);
    // An admin changed the demo sale's checkout meanwhile: seeding again keeps their choice.
    await db.sale.update({ where: { id: first.sales.live.id }, data: { waitlistEnabled: false, holdSeconds: 120 } });
    const later = new Date(Date.now() + 3 * 60 * MINUTE);
    const second = await seedDatabase(db, later);

    expect(second.sales.live.id).toBe(first.sales.live.id);
    expect(second.sales.live.startsAt).toEqual(first.sales.live.startsAt); // times are set on creation only
    expect(second.sales.live).toMatchObject({ waitlistEnabled: false, holdSeconds: 120 }); // so are the windows
    expect(second.admin.id).toBe(first.admin.id);
    expect(await db.user.count({ where: { email: { in: [SEED_ADMIN_EMAIL, SEED_SHOPPER_EMAIL] } } })).toBe(2);
    expect(await db.sale.count()).toBe(3);
    expect(await db.order.count()).toBe(1);
  });
});
