// A drawn sale into Postgres: the winners' holds (the sale's journal, through the same persist
// step as every order), every entrant with their drawn position (SaleEntrant), and the draw's
// facts on the sale (Sale.drawnAt, drawEntrants). Idempotent: entrants are inserted skipping those
// already there, the sale's facts are written once, and the journal only ever moves orders forward.
//
// Entrants go in as one INSERT … SELECT FROM unnest(arrays) per chunk: eight bind parameters
// however many rows. Prisma's createMany binds eight per row and took about 1.4 s per 1,000 rows
// on the test stack, against well under a second for all 5,000 this way.
import type { Redis } from "@upstash/redis";
import { persistSaleJournal } from "~/server/checkout/hold-sweep";
import type { DatabaseClient } from "~/server/db";
import { readSaleEntrants, type EntrantRecord } from "~/server/inventory/entrants";
import type { DeliveryDeps } from "~/server/orders/deliveries";
import { entryTokenOf } from "./draw-order";

/** Rows per insert: bounds one statement's arrays (and its memory), not its parameters. */
const ENTRANT_ROWS_PER_INSERT = 5_000;

interface EntrantRow {
  userId: string;
  entryToken: string;
  via: "LOBBY" | "BUY";
  enteredAt: Date;
  drawPosition: number | null;
  addressBlock: string | null;
  deviceId: string | null;
}

/** Inserts rows not there yet; answers how many went in. */
async function insertEntrants(db: DatabaseClient, saleId: string, rows: EntrantRow[]): Promise<number> {
  const column = <K extends keyof EntrantRow>(key: K) => rows.map((row) => row[key]);
  return db.$executeRaw`
    INSERT INTO "SaleEntrant" ("saleId", "userId", "entryToken", "via", "enteredAt", "drawPosition", "addressBlock", "deviceId")
    SELECT ${saleId}, * FROM unnest(
      ${column("userId")}::text[], ${column("entryToken")}::text[], ${column("via")}::"EntrantVia"[],
      ${column("enteredAt")}::timestamptz[], ${column("drawPosition")}::int[], ${column("addressBlock")}::text[],
      ${column("deviceId")}::text[]
    )
    ON CONFLICT ("saleId", "userId") DO NOTHING`;
}

export interface EntrantsWritten {
  /** Entrants Redis knows of (lobby and buyers). */
  entrants: number;
  /** Rows this call inserted (the rest were there already). */
  inserted: number;
  drawnAt: Date | null;
  drawEntrants: number;
}

/**
 * Writes a sale's entrants from Redis to SaleEntrant. Before its draw a fair draw's lobby entrants
 * are left out (their positions are not known yet, and a row is written once, complete); buyers
 * are written whenever they are found. Safe to call again: rows already there are skipped.
 */
export async function persistSaleEntrants(
  deps: { db: DatabaseClient; redis: Redis; namespace: string },
  saleId: string,
): Promise<EntrantsWritten> {
  const read = await readSaleEntrants(deps.redis, deps.namespace, saleId);
  const ready = read.entrants.filter((entrant) => entrant.via === "BUY" || read.drawnAt !== null);
  const rows = ready.map((entrant: EntrantRecord) => ({
    userId: entrant.userId,
    entryToken: entryTokenOf(read.commitment, entrant.userId),
    via: entrant.via,
    enteredAt: new Date(entrant.enteredAt),
    drawPosition: entrant.drawPosition,
    addressBlock: entrant.addressBlock,
    deviceId: entrant.deviceId,
  }));
  let inserted = 0;
  for (let from = 0; from < rows.length; from += ENTRANT_ROWS_PER_INSERT) {
    inserted += await insertEntrants(deps.db, saleId, rows.slice(from, from + ENTRANT_ROWS_PER_INSERT));
  }
  return {
    entrants: read.entrants.length,
    inserted,
    drawnAt: read.drawnAt === null ? null : new Date(read.drawnAt),
    drawEntrants: read.drawEntrants,
  };
}

/** Persists a drawn sale (see the header); a sale not drawn yet only has its journal persisted. */
export async function persistDraw(deps: DeliveryDeps, saleId: string): Promise<EntrantsWritten> {
  // Winners first: their orders are what shoppers wait for.
  await persistSaleJournal(deps, saleId);
  const written = await persistSaleEntrants(deps, saleId);
  if (written.drawnAt) {
    // Last, so a sale whose draw Postgres records has every entrant recorded with it.
    await deps.db.sale.updateMany({
      where: { id: saleId, drawnAt: null },
      data: { drawnAt: written.drawnAt, drawEntrants: written.drawEntrants },
    });
  }
  return written;
}
