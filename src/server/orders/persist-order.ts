// Writes shopper records to Postgres as orders, in batches (group commit): a delivery persists its
// own record together with the other pending ones of the same sale, so later deliveries find
// theirs done. Each record is written in its latest state — a new hold, then paid, expired or
// cancelled — and only ever forward (see RANK), so late, repeated and out-of-order deliveries are
// harmless. The (sale, user) and reservation unique constraints keep one order per shopper.
//
// Postgres guards capacity. The batch runs in one transaction that first locks the sale's row, so
// batches of one sale take turns. A state that holds a unit (HELD, PAID, CONFIRMED) takes one from
// the sale's durable soldCount while soldCount < totalStock; one that gives it up (EXPIRED,
// CANCELLED) returns it — releases are applied before takes, as Redis ordered them. A new order
// that does not fit (possible only after Redis lost state) is recorded as REFUSED_OVERSOLD —
// visible to the shopper, the admin and the reconciler — never dropped. Earlier reservations get
// the units first. A refused shopper whom Redis later grants a unit again (after a re-arm) has that
// refusal turned into an order when a unit is left, so the unit Redis took for them is not stranded.
import { UNIT_HOLDING_STATUSES } from "~/lib/checkout";
import type { BuyerRecord } from "~/server/inventory/buyer-record";
import type { DatabaseClient } from "~/server/db";
import type { OrderMessage } from "./order-message";
import { newOrderId } from "./order-id";

export type PersistOutcome =
  | { ok: true; status: "CREATED" | "UPDATED" | "DUPLICATE" | "REFUSED_OVERSOLD"; orderId: string }
  /**
   * Another delivery's batch already recorded it (the journal says so), or the batch carried a
   * newer record of the same shopper; no database work done for this one.
   */
  | { ok: true; status: "SETTLED" }
  /**
   * A change that takes a unit back (a late payment honoured) found none free in Postgres yet: the
   * release that freed it is still on its way. Left pending, persisted by a later batch.
   */
  | { ok: true; status: "DEFERRED"; orderId: string }
  /** Can never succeed however often it is retried. */
  | { ok: false; reason: "UNKNOWN_SALE" | "UNKNOWN_USER" };

export interface PendingReservation {
  userId: string;
  reservationId: string;
  /** Epoch milliseconds. */
  reservedAt: number;
  /** The record's latest state in Redis; absent when only the order message is known. */
  record?: BuyerRecord;
}

type OrderState = "HELD" | "PAID" | "CONFIRMED" | "PENDING" | "EXPIRED" | "CANCELLED" | "REFUNDED" | "REFUSED_OVERSOLD";

/**
 * How far along an order is; a write never moves an order back. REFUNDED is last: money given back
 * for a hold that was gone is final, whatever a later replay of the same payment meets.
 */
const RANK: Record<OrderState, number> = {
  REFUSED_OVERSOLD: 0,
  HELD: 1,
  EXPIRED: 2,
  CANCELLED: 2,
  PAID: 3,
  CONFIRMED: 3,
  PENDING: 3,
  REFUNDED: 4,
};

const HOLDS_UNIT = new Set<OrderState>(UNIT_HOLDING_STATUSES);

interface LockedSale {
  id: string;
  totalStock: number;
  soldCount: number;
  priceMinor: number;
  currency: string;
  holdSeconds: number;
}

interface ExistingOrder {
  id: string;
  userId: string;
  reservationId: string;
  status: OrderState;
}

interface Target {
  status: OrderState;
  expiresAt: Date | null;
  holdKind: "RESERVATION" | "OFFER";
}

/** The order state a record stands for. Without a record: a new hold (a unit for good when free). */
function targetOf(reservation: PendingReservation, sale: LockedSale): Target {
  const record = reservation.record;
  if (!record) {
    return sale.priceMinor === 0
      ? { status: "CONFIRMED", expiresAt: null, holdKind: "RESERVATION" }
      : {
          status: "HELD",
          expiresAt: new Date(reservation.reservedAt + sale.holdSeconds * 1000),
          holdKind: "RESERVATION",
        };
  }
  const expiresAt = record.expiresAt === null ? null : new Date(record.expiresAt);
  const status: OrderState = {
    H: "HELD" as const,
    // Paid through a provider, or a unit that never needed paying (free, or from before checkout).
    P: record.paymentRef ? ("PAID" as const) : ("CONFIRMED" as const),
    X: "EXPIRED" as const,
    C: "CANCELLED" as const,
  }[record.state];
  return { status, expiresAt, holdKind: record.kind };
}

/** One reservation per shopper, the latest known: a batch never carries two claims for one person. */
function onePerShopper(reservations: PendingReservation[]): PendingReservation[] {
  const byUser = new Map<string, PendingReservation>();
  for (const reservation of reservations) {
    const seen = byUser.get(reservation.userId);
    if (!seen || (reservation.record && !seen.record) || (!seen.record && reservation.reservedAt < seen.reservedAt)) {
      byUser.set(reservation.userId, reservation);
    }
  }
  return [...byUser.values()].sort(
    (a, b) => a.reservedAt - b.reservedAt || a.reservationId.localeCompare(b.reservationId),
  );
}

interface Insert {
  id: string;
  userId: string;
  reservationId: string;
  reservedAt: Date;
  status: OrderState;
  expiresAt: Date | null;
  holdKind: "RESERVATION" | "OFFER";
}

interface Update extends Insert {
  /** The order's status before this write: the write applies only if it is still that. */
  from: OrderState;
}

/**
 * Persists records of one sale and answers, per reservation id, what became of it. A reservation
 * whose shopper already has an order for another reservation answers DUPLICATE with that order's id.
 */
export async function persistReservations(
  db: DatabaseClient,
  saleId: string,
  reservations: PendingReservation[],
): Promise<Map<string, PersistOutcome>> {
  const batch = onePerShopper(reservations);
  const outcomes = new Map<string, PersistOutcome>();

  await db.$transaction(async (tx) => {
    const [sale] = await tx.$queryRaw<LockedSale[]>`
      SELECT "id", "totalStock", "soldCount", "priceMinor", "currency", "holdSeconds"
      FROM "Sale" WHERE "id" = ${saleId} FOR UPDATE`;
    if (!sale) {
      for (const reservation of reservations)
        outcomes.set(reservation.reservationId, { ok: false, reason: "UNKNOWN_SALE" });
      return;
    }
    const userIds = batch.map((r) => r.userId);
    const existing = new Map(
      (
        await tx.order.findMany({
          where: { saleId, userId: { in: userIds } },
          select: { id: true, userId: true, reservationId: true, status: true },
        })
      ).map((order) => [order.userId, order as ExistingOrder]),
    );
    const newcomers = userIds.filter((id) => !existing.has(id));
    const knownUsers = new Set(
      newcomers.length === 0
        ? []
        : (await tx.user.findMany({ where: { id: { in: newcomers } }, select: { id: true } })).map((u) => u.id),
    );

    let sold = sale.soldCount;
    const inserts: Insert[] = [];
    const updates: Update[] = [];
    const takes: Array<() => void> = [];

    for (const reservation of batch) {
      const target = targetOf(reservation, sale);
      const order = existing.get(reservation.userId);
      const row = {
        userId: reservation.userId,
        reservationId: reservation.reservationId,
        reservedAt: new Date(reservation.reservedAt),
        expiresAt: target.expiresAt,
        holdKind: target.holdKind,
      };
      if (!order) {
        if (!knownUsers.has(reservation.userId)) {
          outcomes.set(reservation.reservationId, { ok: false, reason: "UNKNOWN_USER" });
          continue;
        }
        const id = newOrderId();
        if (!HOLDS_UNIT.has(target.status)) {
          inserts.push({ id, ...row, status: target.status });
          outcomes.set(reservation.reservationId, { ok: true, status: "CREATED", orderId: id });
          continue;
        }
        takes.push(() => {
          const fits = sold < sale.totalStock;
          if (fits) sold += 1;
          inserts.push({ id, ...row, status: fits ? target.status : "REFUSED_OVERSOLD" });
          outcomes.set(reservation.reservationId, {
            ok: true,
            status: fits ? "CREATED" : "REFUSED_OVERSOLD",
            orderId: id,
          });
        });
        continue;
      }
      const sameReservation = order.reservationId === reservation.reservationId;
      const regrant = order.status === "REFUSED_OVERSOLD" && !sameReservation && HOLDS_UNIT.has(target.status);
      if ((!sameReservation && !regrant) || RANK[target.status] <= RANK[order.status]) {
        outcomes.set(reservation.reservationId, {
          ok: true,
          status: order.status === "REFUSED_OVERSOLD" ? "REFUSED_OVERSOLD" : "DUPLICATE",
          orderId: order.id,
        });
        continue;
      }
      const update: Update = { id: order.id, ...row, status: target.status, from: order.status };
      const delta = Number(HOLDS_UNIT.has(target.status)) - Number(HOLDS_UNIT.has(order.status));
      if (delta <= 0) {
        // Gives a unit back (or keeps the one it has): always applies, and before any take.
        sold += delta;
        updates.push(update);
        outcomes.set(reservation.reservationId, { ok: true, status: "UPDATED", orderId: order.id });
        continue;
      }
      takes.push(() => {
        if (sold < sale.totalStock) {
          sold += 1;
          updates.push(update);
          // A refusal turned into the shopper's order is, for them, an order created now.
          const status = order.status === "REFUSED_OVERSOLD" ? "CREATED" : "UPDATED";
          outcomes.set(reservation.reservationId, { ok: true, status, orderId: order.id });
        } else if (order.status === "REFUSED_OVERSOLD") {
          outcomes.set(reservation.reservationId, { ok: true, status: "REFUSED_OVERSOLD", orderId: order.id });
        } else {
          // The journal is in change order, so the release is in a later batch or still being
          // written (or Redis lost state): the order keeps its state for now, and the entry stays.
          outcomes.set(reservation.reservationId, { ok: true, status: "DEFERRED", orderId: order.id });
        }
      });
    }
    for (const take of takes) take();
    for (const reservation of reservations) {
      if (!outcomes.has(reservation.reservationId))
        outcomes.set(reservation.reservationId, { ok: true, status: "SETTLED" });
    }

    if (inserts.length > 0) {
      const written = await tx.order.createManyAndReturn({
        data: inserts.map((insert) => ({
          ...insert,
          saleId,
          priceMinor: sale.priceMinor,
          currency: sale.currency,
        })),
        skipDuplicates: true,
        select: { id: true },
      });
      // Every writer of this sale's orders holds its row lock, so a conflict means the world is
      // not what this transaction read: roll back and let the delivery be retried.
      if (written.length !== inserts.length) throw new Error("orders were written concurrently; retry");
    }
    if (updates.length > 0) {
      const changed = await tx.$executeRaw`
        UPDATE "Order" o
        SET "status" = u."status"::"OrderStatus", "reservationId" = u."reservationId", "reservedAt" = u."reservedAt",
            "expiresAt" = u."expiresAt", "holdKind" = u."holdKind"::"HoldKind", "updatedAt" = now()
        FROM unnest(
          ${updates.map((u) => u.id)}::text[], ${updates.map((u) => u.status)}::text[],
          ${updates.map((u) => u.from)}::text[], ${updates.map((u) => u.reservationId)}::text[],
          ${updates.map((u) => u.reservedAt)}::timestamptz[], ${updates.map((u) => u.expiresAt)}::timestamptz[],
          ${updates.map((u) => u.holdKind)}::text[]
        ) AS u("id", "status", "from", "reservationId", "reservedAt", "expiresAt", "holdKind")
        WHERE o."id" = u."id" AND o."status"::text = u."from"`;
      if (changed !== updates.length) throw new Error("orders changed concurrently; retry");
    }
    if (sold !== sale.soldCount) {
      await tx.$executeRaw`UPDATE "Sale" SET "soldCount" = ${sold} WHERE "id" = ${saleId}`;
    }
  });
  return outcomes;
}

/** Persists one order message; see persistReservations. */
export async function persistOrder(db: DatabaseClient, message: OrderMessage): Promise<PersistOutcome> {
  const outcomes = await persistReservations(db, message.saleId, [message]);
  return outcomes.get(message.reservationId) ?? { ok: false, reason: "UNKNOWN_USER" };
}
