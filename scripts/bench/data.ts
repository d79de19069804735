// The bench's data: shoppers in Postgres with session cookies minted directly (no sign-in round
// trip), and sales that are live in Postgres, armed in Redis, and stocked for the Postgres baseline.
import { randomBytes } from "node:crypto";
import type { Redis } from "@upstash/redis";
import { mintSessionToken } from "~/server/auth/session-token";
import type { DatabaseClient } from "~/server/db/create-prisma-client";
import { armSaleInRedis } from "~/server/inventory/arm-sale";
import { BENCH_STOCK_TABLE_SQL } from "~/server/bench/postgres-only";
import type { HttpCaller } from "./load/protocol";

export interface BenchUser {
  id: string;
  email: string;
}

const CHUNK = 5_000;

export async function createBenchUsers(db: DatabaseClient, tag: string, count: number): Promise<BenchUser[]> {
  const run = `${tag}${randomBytes(3).toString("hex")}`;
  const users = Array.from({ length: count }, (_, index) => ({
    id: `bench_${run}_${index}`,
    email: `bench_${run}_${index}@stampede.bench`,
  }));
  for (let start = 0; start < users.length; start += CHUNK) {
    await db.user.createMany({ data: users.slice(start, start + CHUNK).map((user) => ({ ...user, role: "SHOPPER" })) });
  }
  return users;
}

/**
 * Every request comes from 127.0.0.1, and the per-address limit (600 per 10 s) would refuse most of
 * a 10,000-shopper storm as one client. A storm is many clients, so each shopper gets its own
 * address — 10.x.y.z from its index, each on a /24 of its own, since a sale admits only a few
 * entries per address block — sent as x-forwarded-for, which the app reads as the client (the
 * bench server trusts one proxy hop).
 */
export function benchClientIp(index: number): string {
  return `10.${(index >> 8) & 255}.${index & 255}.${((index >> 16) & 255) + 1}`;
}

/** Session cookies exactly as Auth.js sets them on http (the bench server is plain http). */
export async function mintCallers(users: readonly BenchUser[], secret: string): Promise<HttpCaller[]> {
  const callers: HttpCaller[] = [];
  for (let start = 0; start < users.length; start += 1_000) {
    const minted = await Promise.all(
      users
        .slice(start, start + 1_000)
        .map((user) => mintSessionToken({ ...user, role: "SHOPPER" }, secret, { secureCookie: false })),
    );
    minted.forEach((token, offset) =>
      callers.push({ cookie: `${token.cookieName}=${token.value}`, ip: benchClientIp(start + offset) }),
    );
  }
  return callers;
}

export async function createBenchStockTable(db: DatabaseClient): Promise<void> {
  await db.$executeRawUnsafe(BENCH_STOCK_TABLE_SQL);
}

/** A sale that is live now: in Postgres, armed in Redis, and with a row in bench_pg_stock. */
export async function createBenchSale(
  deps: { db: DatabaseClient; redis: Redis; namespace: string },
  input: { name: string; stock: number },
) {
  const slug = `bench-${input.name}-${randomBytes(4).toString("hex")}`;
  const sale = await deps.db.sale.create({
    data: {
      slug,
      title: `Bench ${input.name}`,
      description: "A sale created by npm run bench.",
      priceMinor: 4_999,
      currency: "USD",
      totalStock: input.stock,
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + 3_600_000),
      state: "PUBLISHED",
    },
  });
  await armSaleInRedis(deps.redis, deps.namespace, sale, []);
  await deps.db.$executeRaw`INSERT INTO bench_pg_stock (sale_id, stock_left) VALUES (${sale.id}, ${input.stock})`;
  return sale;
}
