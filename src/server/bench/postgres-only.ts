// The Postgres-only way to sell a unit — the benchmark's baseline, what comparable systems do:
// one transaction per attempt that inserts the order (the (sale, shopper) unique index refuses a
// second one), takes the unit from a stock row with a conditional decrement, and commits. Any
// refusal rolls the whole attempt back, so a refused shopper never holds a unit or an order.
//
// It enters only as the reserve step of the bench's baseline services (bench-services.ts), against `bench_pg_stock`, a table the benchmark creates in
// its throwaway database (see BENCH_STOCK_TABLE_SQL); production schemas never have it.
import { randomUUID } from "node:crypto";
import type { DatabaseClient } from "~/server/db";
import { newReservationId, type ReserveOutcome } from "~/server/inventory/reserve-unit";

export const BENCH_STOCK_TABLE_SQL =
  "CREATE TABLE IF NOT EXISTS bench_pg_stock (sale_id text PRIMARY KEY, stock_left int NOT NULL)";

/** Waiting for a pooled connection is part of the baseline's cost; failing early would flatter it. */
const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 30_000 } as const;

/** Carries a refusal out of the transaction callback, which rolls the transaction back. */
class AttemptRefused extends Error {
  constructor(
    readonly outcome: Extract<ReserveOutcome, { ok: false }> | Extract<ReserveOutcome, { status: "ALREADY_RESERVED" }>,
  ) {
    super("reservation attempt refused");
  }
}

type Transaction = Parameters<Parameters<DatabaseClient["$transaction"]>[0]>[0];

export async function reserveWithPostgres(
  db: DatabaseClient,
  input: { saleId: string; userId: string },
): Promise<ReserveOutcome> {
  const reservationId = newReservationId();
  try {
    return await db.$transaction(async (tx) => {
      // A hold, as the product's path takes (its expiry is not enforced here: the baseline measures
      // taking units, not checkout).
      const inserted = await tx.$queryRaw<Array<{ reservedAt: Date; expiresAt: Date }>>`
        INSERT INTO "Order" ("id", "saleId", "userId", "status", "reservationId", "priceMinor", "currency", "reservedAt",
                             "expiresAt", "updatedAt")
        SELECT ${`ord_${randomUUID()}`}, s."id", ${input.userId}, 'HELD'::"OrderStatus", ${reservationId},
               s."priceMinor", s."currency", now(), now() + make_interval(secs => s."holdSeconds"), now()
        FROM "Sale" s
        WHERE s."id" = ${input.saleId} AND s."state" = 'PUBLISHED' AND now() >= s."startsAt" AND now() < s."endsAt"
        ON CONFLICT ("saleId", "userId") DO NOTHING
        RETURNING "reservedAt", "expiresAt"`;
      const order = inserted[0];
      if (!order) throw new AttemptRefused(await whyNoOrder(tx, input));

      const taken = await tx.$queryRaw<Array<{ stock_left: number }>>`
        UPDATE bench_pg_stock SET stock_left = stock_left - 1
        WHERE sale_id = ${input.saleId} AND stock_left > 0
        RETURNING stock_left`;
      const stock = taken[0];
      if (!stock) throw new AttemptRefused({ ok: false, reason: "SOLD_OUT" });

      return {
        ok: true,
        status: "RESERVED",
        reservationId,
        reservedAt: order.reservedAt,
        stockLeft: stock.stock_left,
        hold: { state: "H", expiresAt: order.expiresAt.getTime(), kind: "RESERVATION" },
      };
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    if (error instanceof AttemptRefused) return error.outcome;
    throw error;
  }
}

/** The insert took nothing: the shopper already has an order, or the sale is not taking any. */
async function whyNoOrder(tx: Transaction, input: { saleId: string; userId: string }) {
  const [held] = await tx.$queryRaw<Array<{ reservationId: string; reservedAt: Date; expiresAt: Date | null }>>`
    SELECT "reservationId", "reservedAt", "expiresAt" FROM "Order" WHERE "saleId" = ${input.saleId} AND "userId" = ${input.userId}`;
  if (held) {
    const { reservationId, reservedAt, expiresAt } = held;
    return {
      ok: true,
      status: "ALREADY_RESERVED",
      reservationId,
      reservedAt,
      hold: { state: "H", expiresAt: expiresAt?.getTime() ?? null, kind: "RESERVATION" },
    } as const;
  }

  const [sale] = await tx.$queryRaw<Array<{ state: string; startsAt: Date; endsAt: Date; now: Date }>>`
    SELECT "state"::text AS state, "startsAt", "endsAt", now() AS now FROM "Sale" WHERE "id" = ${input.saleId}`;
  if (!sale) return { ok: false, reason: "UNKNOWN_SALE" } as const;
  if (sale.state === "PAUSED") return { ok: false, reason: "PAUSED" } as const;
  if (sale.state === "ENDED" || sale.now >= sale.endsAt) return { ok: false, reason: "ENDED" } as const;
  if (sale.state !== "PUBLISHED") return { ok: false, reason: "NOT_PUBLISHED" } as const;
  return { ok: false, reason: "NOT_STARTED", startsAt: sale.startsAt } as const;
}
