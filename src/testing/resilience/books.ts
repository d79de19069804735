// The books of one sale after a storm, checked against Postgres, Redis and what every shopper was
// told. Each check is printed with its figures, passed or not; the test asserts there are no
// problems. Run it once everything has drained and the reconcile schedule has run.
import type { Redis } from "@upstash/redis";
import type { DatabaseClient } from "~/server/db";
import { saleKeys } from "~/server/inventory/keys";
import type { StormResult } from "./storm";

export interface BooksInput {
  db: DatabaseClient;
  redis: Redis;
  namespace: string;
  saleId: string;
  storm: StormResult;
  /** REFUSED_OVERSOLD rows the scenario expects (0 unless stated). */
  expectedRefused?: number;
  /** What `order.status` tells a shopper (CONFIRMED, PENDING, NONE…), asked through the app. */
  /** The shopper's state as order.status answers it (HELD, PAID, …). */
  orderStatusOf: (userId: string) => Promise<string>;
}

export interface Books {
  total: number;
  confirmed: number;
  refused: number;
  /** Order rows whose shopper was never told RESERVED/ALREADY_RESERVED (answer lost, or gave up). */
  unacknowledged: number;
  acknowledged: number;
  /** Shoppers whose last answer was SOLD_OUT although an order holds a unit for them. */
  toldSoldOutWithUnit: string[];
  stockLeft: number;
  buyers: number;
  pending: number;
  soldCount: number;
  lines: string[];
  problems: string[];
}

export async function checkBooks(input: BooksInput): Promise<Books> {
  const { db, redis, saleId, storm } = input;
  const keys = saleKeys(input.namespace, saleId);
  const [sale, orders, state, pending] = await Promise.all([
    db.sale.findUniqueOrThrow({ where: { id: saleId }, select: { totalStock: true, soldCount: true } }),
    db.order.findMany({ where: { saleId }, select: { userId: true, reservationId: true, status: true } }),
    redis.hmget<Record<string, string | number | null>>(keys.sale, "total", "stock", "held", "paid"),
    redis.zcard(keys.pending),
  ]);
  // Units Redis counts as taken: holds plus paid (or confirmed) units.
  const buyers = Number(state?.held ?? 0) + Number(state?.paid ?? 0);

  const lines: string[] = [];
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    lines.push(`${ok ? "✓" : "✗"} ${what}`);
    if (!ok) problems.push(what);
  };

  const total = sale.totalStock;
  const count = (status: string) => orders.filter((order) => order.status === status).length;
  // Orders holding a unit: holds waiting for payment, paid and confirmed ones.
  const confirmed = count("HELD") + count("PAID") + count("CONFIRMED");
  const holding = confirmed + count("PENDING");
  const refused = count("REFUSED_OVERSOLD");
  check(holding <= total, `orders holding a unit ${holding} (HELD, PAID or CONFIRMED ${confirmed}) ≤ total ${total}`);

  const rowsPerShopper = new Map<string, typeof orders>();
  for (const order of orders) rowsPerShopper.set(order.userId, [...(rowsPerShopper.get(order.userId) ?? []), order]);
  const doubled = [...rowsPerShopper.values()].filter((rows) => rows.length > 1).length;
  check(doubled === 0, `at most one order row per shopper: ${rowsPerShopper.size} shoppers, ${doubled} with more`);

  const told = storm.shoppers.filter((shopper) => shopper.reservationIds.length > 0);
  const toldTwice = told.filter((shopper) => shopper.reservationIds.length > 1);
  check(toldTwice.length === 0, `no shopper told two different reservations: ${toldTwice.length} were`);
  const missing: string[] = [];
  const mismatched: string[] = [];
  for (const shopper of told) {
    const rows = rowsPerShopper.get(shopper.shopper.userId) ?? [];
    if (rows.length !== 1) missing.push(shopper.shopper.userId);
    else if (!shopper.reservationIds.includes(rows[0]!.reservationId)) mismatched.push(shopper.shopper.userId);
  }
  check(
    missing.length === 0 && mismatched.length === 0,
    `every acknowledged reservation is exactly one order row: ${told.length} acknowledged, ` +
      `${missing.length} without a row${missing.length ? ` (${missing.slice(0, 3).join(", ")}…)` : ""}, ` +
      `${mismatched.length} with another reservation id`,
  );
  const toldIds = new Set(told.map((shopper) => shopper.shopper.userId));
  const unacknowledged = orders.filter((order) => !toldIds.has(order.userId)).length;
  lines.push(`  orders whose shopper was never told RESERVED (answer lost, or gave up): ${unacknowledged}`);
  // The converse of the check above. A retry whose first answer was lost (the app died after the
  // script took the unit) may be told SOLD_OUT from the sold-out memory, which never asks Redis;
  // the storefront answers every refusal by reading order.status, which must show the unit.
  const toldSoldOutWithUnit = storm.shoppers
    .filter((shopper) => shopper.final.kind === "SOLD_OUT")
    .map((shopper) => shopper.shopper.userId)
    .filter((userId) => rowsPerShopper.get(userId)?.some((order) => order.status !== "REFUSED_OVERSOLD"));
  const seen = await Promise.all(toldSoldOutWithUnit.map((userId) => input.orderStatusOf(userId)));
  const unitStates = new Set(["HELD", "PAID", "CONFIRMED"]);
  const unseen = toldSoldOutWithUnit.filter((_, index) => !unitStates.has(seen[index]!));
  check(
    unseen.length === 0,
    `every shopper holding a unit sees it in order.status: ${toldSoldOutWithUnit.length} holders were last ` +
      `told SOLD_OUT, ${unseen.length} of them do not see their order` +
      (unseen.length ? ` (${unseen.slice(0, 3).join(", ")}…)` : ""),
  );
  check(
    refused === (input.expectedRefused ?? 0),
    `REFUSED_OVERSOLD rows ${refused}, expected ${input.expectedRefused ?? 0}`,
  );

  const stockLeft = Number(state?.stock ?? NaN);
  const redisTotal = Number(state?.total ?? NaN);
  check(!Number.isNaN(stockLeft), `the sale has its state in Redis (total ${redisTotal}, stock ${stockLeft})`);
  check(
    stockLeft >= 0 && stockLeft + buyers === total,
    `Redis stock ${stockLeft} + held and paid ${buyers} = total ${total}`,
  );
  check(buyers === holding, `drained: Redis held and paid ${buyers} = orders holding a unit ${holding}`);
  check(sale.soldCount === holding, `Sale.soldCount ${sale.soldCount} = orders holding a unit ${holding}`);
  check(pending === 0, `nothing pending in the journal after the reconcile schedule ran: ${pending}`);
  const soldOutAnswers = storm.count("SOLD_OUT");
  check(
    soldOutAnswers === 0 || holding === total,
    `no unit lost: ${soldOutAnswers} SOLD_OUT answers and ${holding} of ${total} units in orders`,
  );
  const gaveUp = storm.shoppers.filter((shopper) => shopper.gaveUp).length;
  lines.push(`  shoppers who gave up retrying: ${gaveUp}`);

  return {
    total,
    confirmed,
    refused,
    unacknowledged,
    acknowledged: told.length,
    toldSoldOutWithUnit,
    stockLeft,
    buyers,
    pending,
    soldCount: sale.soldCount,
    lines,
    problems,
  };
}
