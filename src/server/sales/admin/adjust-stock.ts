// "+10 / −10 units" from the live monitor: a change of a sale's total stock by a number of units,
// without saving the whole editor form. It takes the same safe path the editor's save takes for
// the stock (two-store-write.ts): a lower total goes to Redis first, where adjust-sale.lua refuses
// it below what shoppers already hold in the same atomic step a reservation runs in; a higher total
// goes to Redis only after Postgres has it. Audited as `sale.stock_adjust`, before and after.
import { SALE_LIMITS } from "~/lib/sale-form/schema";
import { rearmSale } from "~/server/inventory/arm-sale";
import { adjustHotState } from "~/server/inventory/hot-state";
import { writeAudit } from "./audit";
import { HOLDS_A_UNIT } from "./order-counts";
import { NOT_FOUND, nowOf, refuse, type AdminDeps, type AdminResult } from "./result";
import { findSale, isStaleWrite } from "./sale-record";
import { editPhase, saleLocks } from "./status";
import { writeBothStores } from "./two-store-write";
import { belowReservedMessage } from "./update-sale";

export interface StockAdjusted {
  saleId: string;
  before: number;
  after: number;
  /** Units free after the change; null when Redis holds no state for the sale (a draft, or lost). */
  stockLeft: number | null;
}

/**
 * Presses on one sale run one at a time. Each computes an absolute total from what it read, and
 * Redis and Postgres are written in separate steps: two presses interleaved (one's raise landing in
 * Redis after the other's lower) would leave the stores apart. So presses queue on this instance,
 * and across instances on a Postgres advisory lock held for the whole two-store write. The editor's
 * save does not take the lock; the guard on the stored total turns a save in between into a retry.
 */
function oneAtATimePerSale() {
  const queues = new Map<string, Promise<unknown>>();
  return <T>(saleId: string, work: () => Promise<T>): Promise<T> => {
    const next = (queues.get(saleId) ?? Promise.resolve()).catch(() => undefined).then(work);
    queues.set(saleId, next);
    void next
      .catch(() => undefined)
      .finally(() => {
        if (queues.get(saleId) === next) queues.delete(saleId);
      });
    return next;
  };
}

/** A save that changed the total between our read and our write: read again and retry. */
const ATTEMPTS = 3;

/** One adjuster per instance (built once with the services): its queue is this instance's. */
export function createStockAdjuster() {
  const oneAtATime = oneAtATimePerSale();
  return (deps: AdminDeps, saleId: string, delta: number): Promise<AdminResult<StockAdjusted>> =>
    oneAtATime(saleId, () =>
      deps.db.$transaction(
        async (lock) => {
          await lock.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`stock-adjust:${saleId}`}, 0))`;
          for (let attempt = 1; ; attempt++) {
            const result = await adjustOnce(deps, saleId, delta);
            if (result !== "STALE") return result;
            if (attempt === ATTEMPTS) {
              return refuse(
                "CONFLICT",
                "The stock was changed elsewhere at the same moment. Check the figures and try again.",
              );
            }
          }
        },
        // The lock's connection idles while the write runs on others; waiting presses queue here.
        { maxWait: 10_000, timeout: 30_000 },
      ),
    );
}

async function adjustOnce(
  deps: AdminDeps,
  saleId: string,
  delta: number,
): Promise<AdminResult<StockAdjusted> | "STALE"> {
  const now = nowOf(deps);
  const sale = await findSale(deps.db, saleId);
  if (!sale) return NOT_FOUND;
  const phase = editPhase(sale, now);
  if (phase === "ARCHIVED") return refuse("PRECONDITION_FAILED", "Archived sales cannot be edited.");
  const locked = saleLocks(sale, now).totalStock;
  if (locked) return refuse("PRECONDITION_FAILED", locked, { field: "totalStock" });

  const before = sale.totalStock;
  const after = before + delta;
  if (after < SALE_LIMITS.stockMin) {
    return refuse("BAD_REQUEST", `The stock cannot go below ${SALE_LIMITS.stockMin}.`, { field: "totalStock" });
  }
  if (after > SALE_LIMITS.stockMax) {
    return refuse("BAD_REQUEST", `The stock cannot go above ${SALE_LIMITS.stockMax.toLocaleString("en-US")}.`, {
      field: "totalStock",
    });
  }

  const armed = sale.state === "PUBLISHED" || sale.state === "PAUSED";
  const lowers = after < before;
  let hotStateMissing = false;
  let stale = false;
  let stockLeft: number | null = null;

  const result = await writeBothStores<StockAdjusted>({
    saleId,
    log: deps.log,
    tighten:
      armed && lowers
        ? async () => {
            const outcome = await adjustHotState(deps.redis, deps.namespace, saleId, { total: after });
            if (outcome.ok) {
              stockLeft = outcome.stockLeft;
              return null;
            }
            if (outcome.reason === "BELOW_RESERVED") {
              return refuse("BAD_REQUEST", belowReservedMessage(outcome.reserved), { field: "totalStock" });
            }
            // Redis lost this sale, so nobody can reserve; persisted orders are the floor instead.
            hotStateMissing = true;
            const orders = await deps.db.order.count({ where: { saleId, ...HOLDS_A_UNIT } });
            return after < orders ? refuse("BAD_REQUEST", belowReservedMessage(orders), { field: "totalStock" }) : null;
          }
        : undefined,
    undoTighten:
      armed && lowers
        ? async () => {
            if (!hotStateMissing) await adjustHotState(deps.redis, deps.namespace, saleId, { total: before });
          }
        : undefined,
    persist: async () => {
      try {
        await deps.db.$transaction(async (tx) => {
          // The total read above must still be the stored one, or a change made in between would be
          // lost; other columns may change freely (an editor save of the title is no conflict).
          await tx.sale.update({
            where: { id: saleId, totalStock: before },
            data: { totalStock: after },
            select: { id: true },
          });
          await writeAudit(tx, {
            actorId: deps.actorId,
            action: "sale.stock_adjust",
            entityId: saleId,
            before: { totalStock: before },
            after: { totalStock: after, delta },
          });
        });
        return { ok: true, value: { saleId, before, after, stockLeft } };
      } catch (error) {
        if (isStaleWrite(error)) {
          stale = true;
          return refuse("CONFLICT", "The sale changed meanwhile.");
        }
        throw error;
      }
    },
    undoPersist: () =>
      deps.db.$transaction(async (tx) => {
        await tx.sale.update({ where: { id: saleId }, data: { totalStock: before }, select: { id: true } });
        await writeAudit(tx, {
          actorId: deps.actorId,
          action: "sale.stock_adjust.reverted",
          entityId: saleId,
          before: { totalStock: after },
          after: { totalStock: before },
        });
      }),
    // A raise lands in Redis now; a lower already did, unless Redis had lost the sale, which is
    // then armed again from Postgres (as the editor's save does).
    loosen: armed
      ? async () => {
          if (lowers && !hotStateMissing) return;
          const outcome = hotStateMissing
            ? null
            : await adjustHotState(deps.redis, deps.namespace, saleId, { total: after });
          if (outcome?.ok) {
            stockLeft = outcome.stockLeft;
            return;
          }
          if (outcome && outcome.reason === "BELOW_RESERVED")
            throw new Error(`Redis holds ${outcome.reserved} reservations, above ${after}`);
          await rearmSale(deps, saleId);
        }
      : undefined,
  });
  if (stale) return "STALE";
  if (!result.ok) return result;
  return { ok: true, value: { ...result.value, stockLeft } };
}
