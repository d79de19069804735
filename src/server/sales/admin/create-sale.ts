// A new sale starts as a draft: nothing reaches Redis until it is published.
import type { SaleValues } from "~/lib/sale-form/schema";
import { snapshotFields, writeAudit } from "./audit";
import { refuse, type AdminDeps, type AdminResult } from "./result";
import { adminSaleSelect, isUniqueViolation, SLUG_TAKEN_MESSAGE, type AdminSaleRecord } from "./sale-record";

export async function createSale(deps: AdminDeps, values: SaleValues): Promise<AdminResult<AdminSaleRecord>> {
  const taken = await deps.db.sale.findUnique({ where: { slug: values.slug }, select: { id: true } });
  if (taken) return refuse("CONFLICT", SLUG_TAKEN_MESSAGE, { field: "slug" });
  try {
    const sale = await deps.db.$transaction(async (tx) => {
      const created = await tx.sale.create({ data: { ...values, state: "DRAFT" }, select: adminSaleSelect });
      const { createdAt: _createdAt, updatedAt: _updatedAt, id: _id, ...fields } = created;
      await writeAudit(tx, {
        actorId: deps.actorId,
        action: "sale.create",
        entityId: created.id,
        before: null,
        after: snapshotFields(fields),
      });
      return created;
    });
    return { ok: true, value: sale };
  } catch (error) {
    // Two admins racing for one slug: the unique index decides.
    if (isUniqueViolation(error)) return refuse("CONFLICT", SLUG_TAKEN_MESSAGE, { field: "slug" });
    throw error;
  }
}
