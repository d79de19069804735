// When one store fails part-way through an admin change, the other is put back: Redis to its old
// values when Postgres fails after a tighten, Postgres reverted (and audited) when Redis fails to
// open up after Postgres took the change.
import type { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saleToFormState, type SaleFormState } from "~/lib/sale-form/form-state";
import { saleFormSchema } from "~/lib/sale-form/schema";
import type { DatabaseClient } from "~/server/db";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale, createUsers, sessionFor } from "~/testing/fixtures";
import { createHarness, type Harness } from "~/testing/harness";
import { changeSaleState } from "./lifecycle";
import type { AdminDeps } from "./result";
import { SaleWriteFailed } from "./two-store-write";
import { updateSale } from "./update-sale";

let h: Harness;
let actorId: string;
beforeAll(async () => {
  h = await createHarness();
  const [admin] = await createUsers(h.db, 1, "ADMIN");
  actorId = admin!.id;
});
afterAll(async () => {
  await h.close();
});

/** The real database, except that every transaction fails. */
function withFailingTransactions(db: DatabaseClient): DatabaseClient {
  return new Proxy(db, {
    get: (target, prop, receiver) =>
      prop === "$transaction"
        ? () => Promise.reject(new Error("database went away"))
        : Reflect.get(target, prop, receiver),
  });
}

/** The real Redis, except that scripts whose arguments match `fails` error out. */
function withFailingScripts(redis: Redis, fails: (args: unknown[]) => boolean): Redis {
  const failing =
    (original: (...call: unknown[]) => Promise<unknown>) => (script: string, keys: string[], args: unknown[]) =>
      fails(args) ? Promise.reject(new Error("redis went away")) : original.call(redis, script, keys, args);
  return new Proxy(redis, {
    get(target, prop, receiver) {
      if (prop === "evalsha" || prop === "eval")
        return failing(Reflect.get(target, prop, receiver) as (...call: unknown[]) => Promise<unknown>);
      return Reflect.get(target, prop, receiver);
    },
  });
}

const deps = (overrides: Partial<AdminDeps> = {}): AdminDeps => ({
  db: h.db,
  redis: h.redis,
  namespace: h.namespace,
  actorId,
  ...overrides,
});
type Sale = Awaited<ReturnType<typeof createArmedSale>>;
const valuesOf = (sale: Sale, overrides: Partial<SaleFormState>) =>
  saleFormSchema.parse({ ...saleToFormState(sale, "UTC"), ...overrides });
const hot = (saleId: string) =>
  h.redis.hmget<Record<string, string>>(saleKeys(h.namespace, saleId).sale, "state", "total", "stock");

describe("a change that fails half-way is undone", () => {
  it("stock lowered in Redis, then Postgres fails: Redis gets its old stock back", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 10 });
    const error = await updateSale(
      deps({ db: withFailingTransactions(h.db) }),
      sale.id,
      valuesOf(sale, { totalStock: "4" }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SaleWriteFailed);
    expect(error).toMatchObject({ step: "persist", undone: true });
    expect(await hot(sale.id)).toMatchObject({ state: "PUBLISHED", total: 10, stock: 10 });
    expect((await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } })).totalStock).toBe(10);
    expect(await h.db.auditLog.count({ where: { entityId: sale.id } })).toBe(0);
  });

  it("stock raised in Postgres, then Redis fails: Postgres is reverted, with an audit row saying so", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 10 });
    const redis = withFailingScripts(h.redis, (args) => args[0] === "50");
    const error = await updateSale(deps({ redis }), sale.id, valuesOf(sale, { totalStock: "50" })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "SaleWriteFailed", step: "loosen", undone: true });
    expect((await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } })).totalStock).toBe(10);
    expect(await hot(sale.id)).toMatchObject({ total: 10, stock: 10 });
    const audit = await h.db.auditLog.findMany({ where: { entityId: sale.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.after])).toEqual([
      ["sale.update", { totalStock: 50 }],
      ["sale.update.reverted", { totalStock: 10 }],
    ]);
  });

  it("resume recorded, then Redis fails to reopen: the sale stays paused in both stores", async () => {
    const sale = await createArmedSale(h.deps, { state: "PAUSED" });
    const redis = withFailingScripts(h.redis, (args) => args[1] === "PUBLISHED");
    const error = await changeSaleState(deps({ redis }), sale.id, "resume").catch((e: unknown) => e);
    expect(error).toMatchObject({ step: "loosen", undone: true });
    expect((await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } })).state).toBe("PAUSED");
    expect((await hot(sale.id))?.state).toBe("PAUSED");
    const audit = await h.db.auditLog.findMany({ where: { entityId: sale.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["sale.resume", "sale.resume.reverted"]);
  });

  it("the admin is told plainly, as SERVICE_UNAVAILABLE", async () => {
    const sale = await createArmedSale(h.deps);
    const [admin] = await createUsers(h.db, 1, "ADMIN");
    const caller = h.caller(sessionFor(admin!), null, h.servicesWith({ db: withFailingTransactions(h.db) }));
    await expect(caller.admin.sale.pause({ id: sale.id })).rejects.toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      message: "We could not save the change, and nothing was changed. Please try again in a moment.",
    });
    expect((await hot(sale.id))?.state).toBe("PUBLISHED");
  });

  it("a sale Redis lost is rebuilt from Postgres by the next change", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 10 });
    await h.redis.del(saleKeys(h.namespace, sale.id).sale);
    const result = await updateSale(deps(), sale.id, valuesOf(sale, { totalStock: "6" }));
    expect(result.ok).toBe(true);
    expect(await hot(sale.id)).toMatchObject({ state: "PUBLISHED", total: 6, stock: 6 });
  });
});
