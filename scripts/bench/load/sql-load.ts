// The ceiling of the Postgres-only baseline's storage step: the same transaction as
// src/server/bench/postgres-only.ts (insert the order, take the unit, commit — or roll
// back), sent straight to PostgreSQL through a pool the size of the app's, with no HTTP or ORM.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { runClosedLoop } from "./closed-loop";
import type { LoadResult, SqlLoadJob } from "./protocol";

const INSERT_ORDER = `
  INSERT INTO "Order" ("id", "saleId", "userId", "status", "reservationId", "priceMinor", "currency", "reservedAt",
                       "expiresAt", "updatedAt")
  SELECT $1, s."id", $2, 'HELD'::"OrderStatus", $3, s."priceMinor", s."currency", now(),
         now() + make_interval(secs => s."holdSeconds"), now()
  FROM "Sale" s
  WHERE s."id" = $4 AND s."state" = 'PUBLISHED' AND now() >= s."startsAt" AND now() < s."endsAt"
  ON CONFLICT ("saleId", "userId") DO NOTHING
  RETURNING "reservedAt"`;

const TAKE_UNIT = `
  UPDATE bench_pg_stock SET stock_left = stock_left - 1
  WHERE sale_id = $1 AND stock_left > 0
  RETURNING stock_left`;

export async function runSqlLoad(job: SqlLoadJob): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: job.databaseUrl, max: job.poolSize });
  try {
    return await runClosedLoop(job.userIds.length, job.concurrency, async (index) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const order = await client.query(INSERT_ORDER, [
          `ord_${randomUUID()}`,
          job.userIds[index],
          `rsv_sql_${randomUUID()}`,
          job.saleId,
        ]);
        if (order.rowCount === 0) {
          await client.query("ROLLBACK");
          return { outcome: "ALREADY_RESERVED" };
        }
        const unit = await client.query(TAKE_UNIT, [job.saleId]);
        if (unit.rowCount === 0) {
          await client.query("ROLLBACK");
          return { outcome: "SOLD_OUT" };
        }
        await client.query("COMMIT");
        return { outcome: "RESERVED" };
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  } finally {
    await pool.end();
  }
}
