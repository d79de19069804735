import { describe, expect, it } from "vitest";
import { refuse } from "./result";
import { SaleWriteFailed, writeBothStores, type TwoStoreWrite } from "./two-store-write";

function recorder(
  fail: Partial<Record<"tighten" | "persist" | "loosen" | "undoTighten" | "undoPersist", boolean>> = {},
) {
  const calls: string[] = [];
  const step = (name: keyof typeof fail) => async () => {
    calls.push(name);
    if (fail[name]) throw new Error(`${name} failed`);
  };
  const write: TwoStoreWrite<string> = {
    saleId: "s1",
    tighten: async () => (await step("tighten")(), null),
    undoTighten: step("undoTighten"),
    persist: async () => (await step("persist")(), { ok: true, value: "saved" }),
    undoPersist: step("undoPersist"),
    loosen: step("loosen"),
  };
  return { calls, write };
}

describe("writeBothStores", () => {
  it("runs tighten → persist → loosen", async () => {
    const { calls, write } = recorder();
    await expect(writeBothStores(write)).resolves.toEqual({ ok: true, value: "saved" });
    expect(calls).toEqual(["tighten", "persist", "loosen"]);
  });

  it("a refusing tighten stops everything", async () => {
    const { calls, write } = recorder();
    const refusal = refuse("BAD_REQUEST", "below reserved", { field: "totalStock" });
    write.tighten = async () => (calls.push("tighten"), refusal);
    await expect(writeBothStores(write)).resolves.toBe(refusal);
    expect(calls).toEqual(["tighten"]);
  });

  it("a failing persist undoes the tighten", async () => {
    const { calls, write } = recorder({ persist: true });
    const error = await writeBothStores(write).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SaleWriteFailed);
    expect(error).toMatchObject({ step: "persist", undone: true });
    expect(calls).toEqual(["tighten", "persist", "undoTighten"]);
  });

  it("a refusing persist undoes the tighten and passes the refusal on", async () => {
    const { calls, write } = recorder();
    write.persist = async () => (calls.push("persist"), refuse("CONFLICT", "changed meanwhile"));
    await expect(writeBothStores(write)).resolves.toMatchObject({ ok: false, code: "CONFLICT" });
    expect(calls).toEqual(["tighten", "persist", "undoTighten"]);
  });

  it("a failing loosen reverts Postgres, then Redis", async () => {
    const { calls, write } = recorder({ loosen: true });
    await expect(writeBothStores(write)).rejects.toMatchObject({ step: "loosen", undone: true });
    expect(calls).toEqual(["tighten", "persist", "loosen", "undoPersist", "undoTighten"]);
  });

  it("says so, and logs, when an undo fails too", async () => {
    const { calls, write } = recorder({ loosen: true, undoPersist: true });
    const logged: string[] = [];
    write.log = (_level, event) => logged.push(event);
    await expect(writeBothStores(write)).rejects.toMatchObject({ step: "loosen", undone: false });
    expect(calls).toEqual(["tighten", "persist", "loosen", "undoPersist"]);
    expect(logged).toEqual(["admin.sale.stores_out_of_step"]);
  });

  it("a failing tighten changed nothing", async () => {
    const { calls, write } = recorder({ tighten: true });
    await expect(writeBothStores(write)).rejects.toMatchObject({ step: "tighten", undone: true });
    expect(calls).toEqual(["tighten"]);
  });
});
