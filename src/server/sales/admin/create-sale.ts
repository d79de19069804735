// A new sale starts as a draft: nothing reaches Redis until it is published. A fair draw gets its
// secret seed here, with the commitment that proves later the seed was not picked after the entrants
// were known (docs/fair-opening.md).
import { waitlistFor, type SaleValues } from "~/lib/sale-form/schema";
import { newDrawSeed } from "~/server/fair-draw/draw-order";
import { snapshotFields, writeAudit } from "./audit";
import { refuse, type AdminDeps, type AdminResult } from "./result";
import { adminSaleSelect, isUniqueViolation, SLUG_TAKEN_MESSAGE, type AdminSaleRecord } from "./sale-record";

/** The seed and its commitment for a fair draw that has none yet; nothing for any other sale. */
export function drawSeedFor(
  openingMode: SaleValues["openingMode"],
  existing: { drawCommitment: string | null } | null,
): { drawSeed: string; drawCommitment: string } | null {
  if (openingMode !== "FAIR_DRAW" || existing?.drawCommitment) return null;
  const { seed, commitment } = newDrawSeed();
  return { drawSeed: seed, drawCommitment: commitment };
}

export async function createSale(deps: AdminDeps, values: SaleValues): Promise<AdminResult<AdminSaleRecord>> {
  const taken = await deps.db.sale.findUnique({ where: { slug: values.slug }, select: { id: true } });
  if (taken) return refuse("CONFLICT", SLUG_TAKEN_MESSAGE, { field: "slug" });
  const data = {
    ...values,
    waitlistEnabled: waitlistFor(values.openingMode, values.waitlistEnabled),
    ...drawSeedFor(values.openingMode, null),
  };
  try {
    const sale = await deps.db.$transaction(async (tx) => {
      const created = await tx.sale.create({ data: { ...data, state: "DRAFT" }, select: adminSaleSelect });
      // The audit keeps the commitment, never the seed (adminSaleSelect does not read it).
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
