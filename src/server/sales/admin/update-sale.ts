// Editing a sale. Drafts and sales that have not started take any change; once a sale runs only
// stock, end, title, description, image and the checkout and admission settings may change; after
// the end only the words and the image. A fair draw's mode, lobby length and start are fixed once
// its lobby has opened (see status.ts). Stock, start, end and the checkout and opening settings of a
// published sale also live in Redis and change there atomically.
import {
  minutesShown,
  START_IN_PAST_MESSAGE,
  startIsNotPast,
  waitlistFor,
  type SaleUpdateValues,
} from "~/lib/sale-form/schema";
import { rearmSale } from "~/server/inventory/arm-sale";
import { diffFields, writeAudit } from "./audit";
import { drawSeedFor } from "./create-sale";
import { adjustHotState, type HotChange } from "~/server/inventory/hot-state";
import { openingOf } from "./hot-opening";
import { HOLDS_A_UNIT } from "./order-counts";
import { NOT_FOUND, nowOf, refuse, type AdminDeps, type AdminResult } from "./result";
import {
  adminSaleSelect,
  EDITABLE_COLUMNS,
  findSale,
  isStaleWrite,
  isUniqueViolation,
  sameMinute,
  SLUG_TAKEN_MESSAGE,
  type AdminSaleRecord,
  type EditableColumn,
} from "./sale-record";
import { editPhase, saleLocks } from "./status";
import { writeBothStores } from "./two-store-write";

type Editable = Pick<AdminSaleRecord, EditableColumn>;

export const CHANGED_MEANWHILE = "This sale changed while you were editing it. Reload to see the latest version.";

export function belowReservedMessage(reserved: number): string {
  const units = reserved === 1 ? "1 unit is" : `${reserved} units are`;
  return `${units} already reserved, so the stock cannot go below ${reserved}.`;
}

function pick(source: Editable, columns: EditableColumn[]): Partial<Editable> {
  return Object.fromEntries(columns.map((column) => [column, source[column]])) as Partial<Editable>;
}

/** What Redis holds of a sale's window and stock: total, start, end. */
const hotOf = (sale: Editable): Required<Pick<HotChange, "total" | "startsAt" | "endsAt">> => ({
  total: sale.totalStock,
  startsAt: sale.startsAt,
  endsAt: sale.endsAt,
});

/**
 * The checkout settings Redis applies to holds and offers it makes from now on — including whether
 * a unit is claimed at once (price 0) or held for payment. They never change what is already held,
 * so they go with the step after Postgres (loosen), like a raised stock.
 */
const checkoutOf = (sale: Editable): HotChange => ({
  holdSeconds: sale.holdSeconds,
  offerSeconds: sale.offerSeconds,
  waitlistEnabled: sale.waitlistEnabled,
  free: sale.priceMinor === 0,
});

/** The editor shows whole minutes; a window shown as the stored one (or left out) is unchanged. */
function windowOf(sent: number | undefined, stored: number): number {
  return sent === undefined || sent === minutesShown(stored) * 60 ? stored : sent;
}

export async function updateSale(
  deps: AdminDeps,
  id: string,
  values: SaleUpdateValues,
): Promise<AdminResult<AdminSaleRecord>> {
  const now = nowOf(deps);
  const sale = await findSale(deps.db, id);
  if (!sale) return NOT_FOUND;
  const phase = editPhase(sale, now);
  if (phase === "ARCHIVED") return refuse("PRECONDITION_FAILED", "Archived sales cannot be edited.");

  // The editor shows whole minutes; a time in the same minute as the stored one is unchanged.
  const openingMode = values.openingMode ?? sale.openingMode;
  const waitlistEnabled = values.waitlistEnabled ?? sale.waitlistEnabled;
  const next: Editable = {
    ...values,
    startsAt: sameMinute(values.startsAt, sale.startsAt) ? sale.startsAt : values.startsAt,
    endsAt: sameMinute(values.endsAt, sale.endsAt) ? sale.endsAt : values.endsAt,
    holdSeconds: windowOf(values.holdSeconds, sale.holdSeconds),
    offerSeconds: windowOf(values.offerSeconds, sale.offerSeconds),
    // Once ended nothing switches any more, not even a fair draw's waitlist.
    waitlistEnabled: phase === "CLOSED" ? waitlistEnabled : waitlistFor(openingMode, waitlistEnabled),
    openingMode,
    lobbyMinutes: values.lobbyMinutes ?? sale.lobbyMinutes,
    challengeCost: values.challengeCost ?? sale.challengeCost,
    minAccountAgeDays: values.minAccountAgeDays ?? sale.minAccountAgeDays,
  };
  const { before, after } = diffFields<Editable>(sale, next);
  const changed = Object.keys(after) as EditableColumn[];

  const locks = saleLocks(sale, now);
  for (const column of changed) {
    const reason = locks[EDITABLE_COLUMNS[column]];
    if (reason) return refuse("PRECONDITION_FAILED", reason, { field: EDITABLE_COLUMNS[column] });
  }
  if (changed.includes("startsAt") && !startIsNotPast(next.startsAt, now.getTime())) {
    return refuse("BAD_REQUEST", START_IN_PAST_MESSAGE, { field: "startsAt" });
  }
  if (changed.includes("endsAt") && phase === "RUNNING" && next.endsAt <= now) {
    return refuse("BAD_REQUEST", "That end has already passed. To stop the sale now, use End now.", {
      field: "endsAt",
    });
  }
  if (changed.includes("slug")) {
    const taken = await deps.db.sale.findFirst({ where: { slug: next.slug, id: { not: id } }, select: { id: true } });
    if (taken) return refuse("CONFLICT", SLUG_TAKEN_MESSAGE, { field: "slug" });
  }

  // A sale that becomes a fair draw gets its seed now; the audit records only the commitment.
  const seeded = drawSeedFor(next.openingMode, sale);
  if (seeded) {
    before.drawCommitment = null;
    after.drawCommitment = seeded.drawCommitment;
  }
  const writes = changed.length > 0 || seeded !== null;

  const armed = sale.state === "PUBLISHED" || sale.state === "PAUSED";
  const old = hotOf(sale);
  const target = hotOf(next);
  // Redis first takes only the narrowing half of the change; the rest follows after Postgres.
  const tight = {
    total: Math.min(old.total, target.total),
    startsAt: new Date(Math.max(old.startsAt.getTime(), target.startsAt.getTime())),
    endsAt: new Date(Math.min(old.endsAt.getTime(), target.endsAt.getTime())),
  };
  const tightens =
    tight.total !== old.total ||
    tight.startsAt.getTime() !== old.startsAt.getTime() ||
    tight.endsAt.getTime() !== old.endsAt.getTime();
  let hotStateMissing = false;

  return writeBothStores<AdminSaleRecord>({
    saleId: id,
    log: deps.log,
    tighten:
      armed && tightens
        ? async () => {
            const outcome = await adjustHotState(deps.redis, deps.namespace, id, tight);
            if (outcome.ok) return null;
            if (outcome.reason === "BELOW_RESERVED") {
              return refuse("BAD_REQUEST", belowReservedMessage(outcome.reserved), { field: "totalStock" });
            }
            // Redis lost this sale, so nobody can reserve; persisted orders are the floor instead.
            hotStateMissing = true;
            const orders = await deps.db.order.count({ where: { saleId: id, ...HOLDS_A_UNIT } });
            return target.total < orders
              ? refuse("BAD_REQUEST", belowReservedMessage(orders), { field: "totalStock" })
              : null;
          }
        : undefined,
    undoTighten:
      armed && tightens
        ? async () => {
            if (!hotStateMissing) await adjustHotState(deps.redis, deps.namespace, id, old);
          }
        : undefined,
    persist: async () => {
      if (!writes) return { ok: true, value: sale };
      try {
        const updated = await deps.db.$transaction(async (tx) => {
          const row = await tx.sale.update({
            where: { id, updatedAt: sale.updatedAt },
            data: { ...pick(next, changed), ...seeded },
            select: adminSaleSelect,
          });
          await writeAudit(tx, { actorId: deps.actorId, action: "sale.update", entityId: id, before, after });
          return row;
        });
        return { ok: true, value: updated };
      } catch (error) {
        if (isStaleWrite(error)) return refuse("CONFLICT", CHANGED_MEANWHILE);
        if (isUniqueViolation(error)) return refuse("CONFLICT", SLUG_TAKEN_MESSAGE, { field: "slug" });
        throw error;
      }
    },
    undoPersist: !writes
      ? undefined
      : () =>
          deps.db.$transaction(async (tx) => {
            await tx.sale.update({
              where: { id },
              data: { ...pick(sale, changed), ...(seeded ? { drawSeed: null, drawCommitment: null } : {}) },
              select: { id: true },
            });
            await writeAudit(tx, {
              actorId: deps.actorId,
              action: "sale.update.reverted",
              entityId: id,
              before: after,
              after: before,
            });
          }),
    // Always sent for a published sale, even when nothing changed: it is idempotent, and it lets a
    // second Save line Redis up again after an earlier attempt failed half-way. A re-arm reads the
    // checkout and opening settings from Postgres itself. The opening settings go here too, even a
    // raised challenge or age rule: the mode, lobby and seed cannot change once anyone could enter,
    // and a shopper admitted in the moment before a stricter rule lands is one who came a moment
    // earlier, not one who took something the stored rules had already closed.
    loosen: armed
      ? async () => {
          const outcome = hotStateMissing
            ? null
            : await adjustHotState(deps.redis, deps.namespace, id, {
                ...target,
                ...checkoutOf(next),
                ...(await openingOf(deps.db, id, next)),
              });
          if (outcome?.ok) return;
          if (outcome && outcome.reason === "BELOW_RESERVED")
            throw new Error(`Redis holds ${outcome.reserved} reservations, above ${target.total}`);
          await rearmSale(deps, id);
        }
      : undefined,
  });
}
