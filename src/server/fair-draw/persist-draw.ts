// A drawn sale into Postgres: the draw's facts on the sale (Sale.drawnAt, drawEntrants), the
// winners' holds (the sale's journal, through the same persist step as every order), and every
// entrant with their drawn position (SaleEntrant). Idempotent: the sale's facts are written once,
// entrants are inserted skipping those already there, and the journal only ever moves orders forward.
//
// The draw's facts go in first and on their own (recordDrawn), the moment a draw has run: they are
// what a re-arm after Redis lost the sale restores, so that it never draws a second time. The
// entrants follow with the draw message; until they are filed, Sale.drawnAt is set while fewer
// positioned entrants than drawEntrants are recorded (the reconciler's backstop looks for that).
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
 * are left out (their positions are not known yet, and a row is written once, complete), unless
 * the draw can no longer run (the sale ended first): then they are final, filed without a
 * position, so the evidence outlives Redis's keys. Buyers are written whenever they are found.
 * Safe to call again: rows already there are skipped.
 */
export async function persistSaleEntrants(
  deps: { db: DatabaseClient; redis: Redis; namespace: string },
  saleId: string,
): Promise<EntrantsWritten> {
  const read = await readSaleEntrants(deps.redis, deps.namespace, saleId);
  const lobbyFinal = read.drawnAt !== null || read.drawClosed;
  const ready = read.entrants.filter((entrant) => entrant.via === "BUY" || lobbyFinal);
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

/**
 * Records that a sale's draw ran (Sale.drawnAt, drawEntrants), once: the first record stands. One
 * cheap statement, written by whoever ran the draw before anything else follows it up.
 */
export async function recordDrawn(
  db: DatabaseClient,
  saleId: string,
  draw: { drawnAt: Date; entrants: number },
): Promise<void> {
  await db.sale.updateMany({
    where: { id: saleId, drawnAt: null },
    data: { drawnAt: draw.drawnAt, drawEntrants: draw.entrants },
  });
}

/** Persists a drawn sale (see the header); a sale not drawn yet only has its journal persisted. */
export async function persistDraw(deps: DeliveryDeps, saleId: string): Promise<EntrantsWritten> {
  // Winners first: their orders are what shoppers wait for.
  await persistSaleJournal(deps, saleId);
  const written = await persistSaleEntrants(deps, saleId);
  // Normally recorded already, when the draw ran; this covers a follow-up that failed to.
  if (written.drawnAt) await recordDrawn(deps.db, saleId, { drawnAt: written.drawnAt, entrants: written.drawEntrants });
  return written;
}
