// Who may call admin.*: every procedure × {anonymous, shopper, admin}, each cell asserted. Refused
// callers must also leave the target sale exactly as it was.
import { describe, expect, it } from "vitest";
import type { AppSession } from "~/server/auth/session";
import { createArmedSale, uniqueId } from "~/testing/fixtures";
import { harnessForFile, type Harness } from "~/testing/harness";
import { errorOf, newAdmin, newShopper, validForm } from "./admin-testing";

const h = harnessForFile();

type Caller = ReturnType<Harness["caller"]>;
type Role = "anonymous" | "shopper" | "admin";

const live = () => createArmedSale(h.deps);
const draft = () => createArmedSale(h.deps, { state: "DRAFT", startsAt: new Date(Date.now() + 3_600_000) });
const paused = () => createArmedSale(h.deps, { state: "PAUSED" });

/** Each procedure with the sale it acts on (if any) and the call itself. */
const procedures: Array<{
  name: string;
  target?: () => Promise<{ id: string }>;
  /** Receives the target's id, or a fresh slug for a procedure without a target. */
  call: (caller: Caller, saleIdOrSlug: string) => Promise<unknown>;
}> = [
  { name: "sale.list", call: (c) => c.admin.sale.list() },
  { name: "sale.byId", target: live, call: (c, id) => c.admin.sale.byId({ id }) },
  { name: "sale.create", call: (c, slug) => c.admin.sale.create(validForm({ slug })) },
  {
    name: "sale.update",
    target: draft,
    call: (c, id) => c.admin.sale.update({ ...validForm({ title: "Renamed" }), id }),
  },
  { name: "sale.publish", target: draft, call: (c, id) => c.admin.sale.publish({ id }) },
  { name: "sale.pause", target: live, call: (c, id) => c.admin.sale.pause({ id }) },
  { name: "sale.resume", target: paused, call: (c, id) => c.admin.sale.resume({ id }) },
  { name: "sale.end", target: live, call: (c, id) => c.admin.sale.end({ id }) },
  { name: "sale.delete", target: draft, call: (c, id) => c.admin.sale.delete({ id }) },
  { name: "sale.archive", target: draft, call: (c, id) => c.admin.sale.archive({ id }) },
  { name: "sale.orders", target: live, call: (c, id) => c.admin.sale.orders({ saleId: id }) },
  { name: "fairness.report", target: live, call: (c, id) => c.admin.fairness.report({ id }) },
];

const expected: Record<Role, "UNAUTHORIZED" | "FORBIDDEN" | "ALLOWED"> = {
  anonymous: "UNAUTHORIZED",
  shopper: "FORBIDDEN",
  admin: "ALLOWED",
};

async function sessionOf(role: Role): Promise<AppSession | null> {
  if (role === "anonymous") return null;
  return role === "admin" ? newAdmin(h.db) : newShopper(h.db);
}

const cells = procedures.flatMap((procedure) =>
  (["anonymous", "shopper", "admin"] as const).map((role) => ({ ...procedure, role, outcome: expected[role] })),
);

describe("admin.* authorization", () => {
  it.each(cells)("$name as $role → $outcome", async ({ target, call, role, outcome }) => {
    const sale = target ? await target() : null;
    const before = sale ? await h.db.sale.findUnique({ where: { id: sale.id } }) : null;
    const slug = uniqueId("matrix-");
    const caller = h.caller(await sessionOf(role));

    if (outcome === "ALLOWED") {
      await expect(call(caller, sale?.id ?? slug)).resolves.toBeDefined();
      return;
    }
    const error = await errorOf(call(caller, sale?.id ?? slug));
    expect(error.code).toBe(outcome);
    // A refused caller changes nothing: not the target, not a new sale, no audit entry.
    if (sale) {
      expect(await h.db.sale.findUnique({ where: { id: sale.id } })).toEqual(before);
      expect(await h.db.auditLog.count({ where: { entityId: sale.id } })).toBe(0);
    }
    expect(await h.db.sale.findUnique({ where: { slug } })).toBeNull();
  });
});
