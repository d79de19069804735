// Publish, pause, resume and end: state changes mirrored to Redis, so the reservation script
// refuses (or accepts) at once. Pause and end close Redis before Postgres records them; publish
// and resume open Redis only after Postgres has them (see two-store-write.ts for why).
import { SALE_PHASE_LABELS, salePhase, type SaleState, type StorefrontState } from "~/lib/sale";
import { rearmSale } from "~/server/inventory/arm-sale";
import { writeAudit } from "./audit";
import { adjustHotState, type HotSaleState } from "~/server/inventory/hot-state";
import { NOT_FOUND, nowOf, refuse, type AdminDeps, type AdminRefusal, type AdminResult } from "./result";
import { adminSaleSelect, findSale, isStaleWrite, type AdminSaleRecord } from "./sale-record";
import { writeBothStores } from "./two-store-write";
import { CHANGED_MEANWHILE } from "./update-sale";

interface StateChange {
  action: "sale.publish" | "sale.pause" | "sale.resume" | "sale.end";
  /** How the refusal reads: "cannot be published". */
  past: string;
  from: SaleState[];
  to: StorefrontState;
  /** tighten: Redis first (stops sales); loosen: Redis after Postgres (opens them). */
  direction: "tighten" | "loosen";
  check?: (sale: AdminSaleRecord, now: Date) => AdminRefusal | null;
}

const notOver = (sale: AdminSaleRecord, now: Date) =>
  now >= sale.endsAt ? refuse("PRECONDITION_FAILED", "This sale is already over.") : null;

const CHANGES = {
  publish: {
    action: "sale.publish",
    past: "published",
    from: ["DRAFT"],
    to: "PUBLISHED",
    direction: "loosen",
    check: (sale, now) =>
      now >= sale.endsAt
        ? refuse("BAD_REQUEST", "The end has already passed. Move it later, save, then publish.", { field: "endsAt" })
        : null,
  },
  pause: {
    action: "sale.pause",
    past: "paused",
    from: ["PUBLISHED"],
    to: "PAUSED",
    direction: "tighten",
    check: notOver,
  },
  resume: {
    action: "sale.resume",
    past: "resumed",
    from: ["PAUSED"],
    to: "PUBLISHED",
    direction: "loosen",
    check: notOver,
  },
  end: {
    action: "sale.end",
    past: "ended",
    from: ["PUBLISHED", "PAUSED"],
    to: "ENDED",
    direction: "tighten",
    check: notOver,
  },
} as const satisfies Record<string, StateChange>;

export type StateChangeName = keyof typeof CHANGES;

export async function changeSaleState(
  deps: AdminDeps,
  id: string,
  name: StateChangeName,
): Promise<AdminResult<AdminSaleRecord>> {
  const change: StateChange = CHANGES[name];
  const now = nowOf(deps);
  const sale = await findSale(deps.db, id);
  if (!sale) return NOT_FOUND;
  if (!change.from.includes(sale.state)) {
    const status = SALE_PHASE_LABELS[salePhase(sale, now)].toLowerCase();
    return refuse("PRECONDITION_FAILED", `This sale is ${status}, so it cannot be ${change.past}.`);
  }
  const refusal = change.check?.(sale, now);
  if (refusal) return refusal;

  const from = sale.state as HotSaleState;
  let hotStateMissing = false;
  const setHotState = async (state: HotSaleState) => {
    const outcome = await adjustHotState(deps.redis, deps.namespace, id, { state });
    if (!outcome.ok) hotStateMissing = true;
  };

  return writeBothStores<AdminSaleRecord>({
    saleId: id,
    log: deps.log,
    tighten: change.direction === "tighten" ? async () => (await setHotState(change.to), null) : undefined,
    undoTighten:
      change.direction === "tighten" ? async () => void (hotStateMissing || (await setHotState(from))) : undefined,
    persist: async () => {
      try {
        const updated = await deps.db.$transaction(async (tx) => {
          const row = await tx.sale.update({
            where: { id, state: sale.state },
            // Ending early records the moment, so the storefront shows when it really closed.
            data: { state: change.to, ...(name === "end" ? { endedAt: now } : {}) },
            select: adminSaleSelect,
          });
          await writeAudit(tx, {
            actorId: deps.actorId,
            action: change.action,
            entityId: id,
            before: { state: from },
            after: { state: change.to },
          });
          return row;
        });
        return { ok: true, value: updated };
      } catch (error) {
        if (isStaleWrite(error)) return refuse("CONFLICT", CHANGED_MEANWHILE);
        throw error;
      }
    },
    undoPersist: () =>
      deps.db.$transaction(async (tx) => {
        await tx.sale.update({
          where: { id, state: change.to },
          data: { state: sale.state, ...(name === "end" ? { endedAt: null } : {}) },
          select: { id: true },
        });
        await writeAudit(tx, {
          actorId: deps.actorId,
          action: `${change.action}.reverted`,
          entityId: id,
          before: { state: change.to },
          after: { state: from },
        });
        // Opening Redis may have happened even though its reply was lost: close it again.
        await adjustHotState(deps.redis, deps.namespace, id, { state: from });
      }),
    // Publishing arms the sale from Postgres (state, stock, window, buyers from orders); so does any
    // change that found Redis without this sale. Otherwise only the state flips.
    loosen: async () => {
      if (name === "publish" || hotStateMissing) {
        await rearmSale(deps, id);
        return;
      }
      if (change.direction === "loosen") {
        await setHotState(change.to);
        if (hotStateMissing) await rearmSale(deps, id);
      }
    },
  });
}
