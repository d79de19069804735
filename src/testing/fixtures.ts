// Test data on the real stack: unique users and armed sales per test, so files run in parallel.
import { randomBytes } from "node:crypto";
import type { Redis } from "@upstash/redis";
import type { OpeningMode } from "~/lib/fair-draw";
import type { SaleState } from "~/lib/sale";
import type { AppSession } from "~/server/auth/session";
import type { DatabaseClient } from "~/server/db";
import { newDrawSeed } from "~/server/fair-draw/draw-order";
import { armSaleInRedis } from "~/server/inventory/arm-sale";
import { reserveUnit } from "~/server/inventory/reserve-unit";
import type { OrderMessage } from "~/server/orders/order-message";

export const uniqueId = (prefix = "t") => `${prefix}${randomBytes(6).toString("hex")}`;

export async function createUsers(db: DatabaseClient, count: number, role: "SHOPPER" | "ADMIN" = "SHOPPER") {
  const run = uniqueId("u");
  const data = Array.from({ length: count }, (_, index) => ({
    id: `${run}_${index}`,
    email: `${run}_${index}@stampede.test`,
    role,
  }));
  await db.user.createMany({ data });
  return data;
}

export function sessionFor(user: { id: string; email: string; role: "SHOPPER" | "ADMIN" }): AppSession {
  return { user, expires: new Date(Date.now() + 3_600_000).toISOString() };
}

export interface SaleFixture {
  totalStock?: number;
  startsAt?: Date;
  endsAt?: Date;
  state?: Exclude<SaleState, "ARCHIVED">;
  priceMinor?: number;
  holdSeconds?: number;
  offerSeconds?: number;
  waitlistEnabled?: boolean;
  /** FAIR_DRAW gets a fresh seed and its commitment, as the admin editor gives one. */
  openingMode?: OpeningMode;
  lobbyMinutes?: number;
  challengeCost?: number;
  minAccountAgeDays?: number;
}

/** Creates a sale in Postgres and arms its hot state in Redis, live by default. */
export async function createArmedSale(
  deps: { db: DatabaseClient; redis: Redis; namespace: string },
  fixture: SaleFixture = {},
) {
  const slug = uniqueId("sale-");
  const draw = fixture.openingMode === "FAIR_DRAW" ? newDrawSeed() : null;
  const sale = await deps.db.sale.create({
    data: {
      slug,
      title: `Test sale ${slug}`,
      description: "A sale created by a test.",
      priceMinor: fixture.priceMinor ?? 4_999,
      currency: "USD",
      totalStock: fixture.totalStock ?? 10,
      startsAt: fixture.startsAt ?? new Date(Date.now() - 60_000),
      endsAt: fixture.endsAt ?? new Date(Date.now() + 3_600_000),
      state: fixture.state ?? "PUBLISHED",
      holdSeconds: fixture.holdSeconds,
      offerSeconds: fixture.offerSeconds,
      waitlistEnabled: fixture.waitlistEnabled,
      openingMode: fixture.openingMode,
      lobbyMinutes: fixture.lobbyMinutes,
      challengeCost: fixture.challengeCost,
      minAccountAgeDays: fixture.minAccountAgeDays,
      drawSeed: draw?.seed,
      drawCommitment: draw?.commitment,
    },
  });
  await armSaleInRedis(deps.redis, deps.namespace, sale, []);
  return sale;
}

/** A fresh shopper's unit in a fresh sale, reserved in Redis: the order message QStash would carry. */
export async function reservedOrderMessage(deps: {
  db: DatabaseClient;
  redis: Redis;
  namespace: string;
}): Promise<OrderMessage> {
  const [user] = await createUsers(deps.db, 1);
  const sale = await createArmedSale(deps);
  const outcome = await reserveUnit(deps.redis, { namespace: deps.namespace, saleId: sale.id, userId: user!.id });
  if (!outcome.ok) throw new Error(`reservation failed: ${outcome.reason}`);
  return {
    v: 1,
    saleId: sale.id,
    userId: user!.id,
    reservationId: outcome.reservationId,
    reservedAt: outcome.reservedAt.getTime(),
  };
}

/** Polls until `check` returns true, or fails with `what` after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * Redis's sliding window weighs the previous window's count, so an exact count needs every call
 * inside one window: wait until at least `roomMs` of the current one is left.
 */
export async function waitForRoomInWindow(windowMs: number, roomMs: number): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < roomMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
