// Deleting and archiving. A sale with orders (or reservations on their way to becoming orders) is
// a record of sale and is never deleted: it can be archived, which hides it from every list.
import { SALE_PHASE_LABELS, salePhase } from "~/lib/sale";
import { snapshotFields, writeAudit } from "./audit";
import { adjustHotState, dropHotState, readHotState, type HotSaleState } from "~/server/inventory/hot-state";
import { NOT_FOUND, nowOf, refuse, type AdminDeps, type AdminResult } from "./result";
import { findSale, isStaleWrite, isStillReferenced } from "./sale-record";
import { messageOf, writeBothStores } from "./two-store-write";
import { CHANGED_MEANWHILE } from "./update-sale";

function hasBuyersRefusal(orders: number, reservations: number) {
  const what =
    orders > 0
      ? `${orders} ${orders === 1 ? "order" : "orders"}`
      : `${reservations} ${reservations === 1 ? "reservation" : "reservations"}`;
  return refuse(
    "CONFLICT",
    `This sale has ${what}, so it cannot be deleted: orders must keep their sale. Archive it instead to take it off every list.`,
    { offer: "archive" },
  );
}

export async function deleteSale(deps: AdminDeps, id: string): Promise<AdminResult<{ id: string }>> {
  const sale = await findSale(deps.db, id);
  if (!sale) return NOT_FOUND;
  const orders = await deps.db.order.count({ where: { saleId: id } });
  if (orders > 0) return hasBuyersRefusal(orders, 0);
  const hot = await readHotState(deps.redis, deps.namespace, id);
  if (hot && hot.reserved > 0) return hasBuyersRefusal(0, hot.reserved);

  let closed = false;
  const result = await writeBothStores<{ id: string }>({
    saleId: id,
    log: deps.log,
    // Close the sale in Redis first: the reply counts reservations at the very moment it stopped
    // taking them, so none can slip in between this check and the delete.
    tighten: hot
      ? async () => {
          const outcome = await adjustHotState(deps.redis, deps.namespace, id, { state: "ENDED" });
          if (!outcome.ok) return null;
          closed = true;
          if (outcome.reserved === 0) return null;
          await adjustHotState(deps.redis, deps.namespace, id, { state: hot.state as HotSaleState });
          closed = false;
          return hasBuyersRefusal(0, outcome.reserved);
        }
      : undefined,
    undoTighten: async () => {
      if (closed && hot) await adjustHotState(deps.redis, deps.namespace, id, { state: hot.state as HotSaleState });
    },
    persist: async () => {
      try {
        await deps.db.$transaction(async (tx) => {
          const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = sale;
          await writeAudit(tx, {
            actorId: deps.actorId,
            action: "sale.delete",
            entityId: id,
            before: snapshotFields(fields),
            after: null,
          });
          await tx.sale.delete({ where: { id }, select: { id: true } });
        });
        return { ok: true, value: { id } };
      } catch (error) {
        // An order reached Postgres after the check (the foreign key refuses the delete).
        if (isStillReferenced(error)) return hasBuyersRefusal(1, 0);
        if (isStaleWrite(error)) return NOT_FOUND;
        throw error;
      }
    },
  });
  if (result.ok && hot) {
    // Leftover keys would be harmless (the sale is closed there), so a failure here is only noted.
    await dropHotState(deps.redis, deps.namespace, id).catch((error: unknown) =>
      deps.log?.("warn", "admin.sale.drop_hot_state_failed", { saleId: id, message: messageOf(error) }),
    );
  }
  return result;
}

export async function archiveSale(deps: AdminDeps, id: string): Promise<AdminResult<{ id: string }>> {
  const sale = await findSale(deps.db, id);
  if (!sale) return NOT_FOUND;
  const phase = salePhase(sale, nowOf(deps));
  if (phase === "archived") return refuse("PRECONDITION_FAILED", "This sale is already archived.");
  if (phase !== "draft" && phase !== "ended") {
    return refuse(
      "PRECONDITION_FAILED",
      `This sale is ${SALE_PHASE_LABELS[phase].toLowerCase()}. End it first, then archive it.`,
    );
  }
  const hot = await readHotState(deps.redis, deps.namespace, id);
  const closes = hot !== null && hot.state !== "ENDED";

  return writeBothStores<{ id: string }>({
    saleId: id,
    log: deps.log,
    tighten: closes
      ? async () => (await adjustHotState(deps.redis, deps.namespace, id, { state: "ENDED" }), null)
      : undefined,
    undoTighten: closes
      ? async () => void (await adjustHotState(deps.redis, deps.namespace, id, { state: hot.state as HotSaleState }))
      : undefined,
    persist: async () => {
      try {
        await deps.db.$transaction(async (tx) => {
          await tx.sale.update({ where: { id, state: sale.state }, data: { state: "ARCHIVED" }, select: { id: true } });
          await writeAudit(tx, {
            actorId: deps.actorId,
            action: "sale.archive",
            entityId: id,
            before: { state: sale.state },
            after: { state: "ARCHIVED" },
          });
        });
        return { ok: true, value: { id } };
      } catch (error) {
        if (isStaleWrite(error)) return refuse("CONFLICT", CHANGED_MEANWHILE);
        throw error;
      }
    },
  });
}
