// Who may call admin.monitor.*: every procedure × {anonymous, shopper, admin}. Refused callers
// leave the sale as it was and write no audit entry. A dead letter that does not exist gets past
// the gate for an admin only (NOT_FOUND), never for anyone else.
import { describe, expect, it } from "vitest";
import type { AppSession } from "~/server/auth/session";
import { createArmedSale } from "~/testing/fixtures";
import { harnessForFile, type Harness } from "~/testing/harness";
import { errorOf, newAdmin, newShopper } from "./admin-testing";

const h = harnessForFile();

type Caller = ReturnType<Harness["caller"]>;
type Role = "anonymous" | "shopper" | "admin";
const MISSING_DLQ_ID = "dlq_missing_0000";

const procedures: Array<{ name: string; call: (caller: Caller, saleId: string) => Promise<unknown>; admin: string }> = [
  { name: "monitor.snapshot", call: (c, saleId) => c.admin.monitor.snapshot({ saleId }), admin: "ALLOWED" },
  { name: "monitor.deadLetters", call: (c, saleId) => c.admin.monitor.deadLetters({ saleId }), admin: "ALLOWED" },
  {
    name: "monitor.retryDeadLetter",
    call: (c) => c.admin.monitor.retryDeadLetter({ dlqId: MISSING_DLQ_ID }),
    admin: "NOT_FOUND",
  },
  {
    name: "monitor.deleteDeadLetter",
    call: (c) => c.admin.monitor.deleteDeadLetter({ dlqId: MISSING_DLQ_ID }),
    admin: "NOT_FOUND",
  },
  {
    name: "monitor.adjustStock",
    call: (c, saleId) => c.admin.monitor.adjustStock({ saleId, delta: 10 }),
    admin: "ALLOWED",
  },
  {
    name: "monitor.liveCounts",
    call: (c, saleId) => c.admin.monitor.liveCounts({ saleIds: [saleId] }),
    admin: "ALLOWED",
  },
];

async function sessionOf(role: Role): Promise<AppSession | null> {
  if (role === "anonymous") return null;
  return role === "admin" ? newAdmin(h.db) : newShopper(h.db);
}

const cells = procedures.flatMap((procedure) =>
  (["anonymous", "shopper", "admin"] as const).map((role) => ({
    ...procedure,
    role,
    outcome: role === "anonymous" ? "UNAUTHORIZED" : role === "shopper" ? "FORBIDDEN" : procedure.admin,
  })),
);

describe("admin.monitor.* authorization", () => {
  it.each(cells)("$name as $role → $outcome", async ({ call, role, outcome }) => {
    const sale = await createArmedSale(h.deps);
    const before = await h.db.sale.findUnique({ where: { id: sale.id } });
    const caller = h.caller(await sessionOf(role));

    if (outcome === "ALLOWED") {
      await expect(call(caller, sale.id)).resolves.toBeDefined();
      return;
    }
    const error = await errorOf(call(caller, sale.id));
    expect(error.code).toBe(outcome);
    expect(await h.db.sale.findUnique({ where: { id: sale.id } })).toEqual(before);
    expect(await h.db.auditLog.count({ where: { entityId: sale.id } })).toBe(0);
  });
});
