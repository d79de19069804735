// reminder.* as the sale page calls it: set for a signed-in shopper (again is harmless), read back,
// refused for visitors, bad input, unknown sales and sales already open.
import { describe, expect, it } from "vitest";
import { createArmedSale, createUsers, sessionFor } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import { errorOf } from "./admin/admin-testing";

const h = harnessForFile();

const upcoming = () => createArmedSale(h.deps, { startsAt: new Date(Date.now() + 3_600_000) });

describe("reminder.set", () => {
  it("records a signed-in shopper's reminder, once however often it is set", async () => {
    const [shopper] = await createUsers(h.db, 1);
    const sale = await upcoming();
    const caller = h.caller(sessionFor(shopper!));
    expect(await caller.reminder.status({ saleId: sale.id })).toEqual({ emailEnabled: false, reminder: null });

    const answer = await caller.reminder.set({ saleId: sale.id });
    expect(answer).toEqual({ email: false, opensAt: sale.startsAt });
    await caller.reminder.set({ saleId: sale.id });
    expect(await h.db.saleReminder.count({ where: { saleId: sale.id } })).toBe(1);
    expect(await caller.reminder.status({ saleId: sale.id })).toMatchObject({
      emailEnabled: false,
      reminder: { email: false, sentAt: null },
    });
  });

  it("asks visitors to sign in, and tells them nothing about anyone's reminder", async () => {
    const sale = await upcoming();
    expect((await errorOf(h.caller(null).reminder.set({ saleId: sale.id }))).code).toBe("UNAUTHORIZED");
    expect(await h.caller(null).reminder.status({ saleId: sale.id })).toEqual({ emailEnabled: false, reminder: null });
  });

  it("refuses a sale that has opened, an unknown or draft sale, and bad ids", async () => {
    const [shopper] = await createUsers(h.db, 1);
    const caller = h.caller(sessionFor(shopper!));
    const running = await createArmedSale(h.deps);
    const draft = await createArmedSale(h.deps, { state: "DRAFT", startsAt: new Date(Date.now() + 3_600_000) });
    expect((await errorOf(caller.reminder.set({ saleId: running.id }))).code).toBe("PRECONDITION_FAILED");
    expect((await errorOf(caller.reminder.set({ saleId: draft.id }))).code).toBe("NOT_FOUND");
    expect((await errorOf(caller.reminder.set({ saleId: "no-such-sale" }))).code).toBe("NOT_FOUND");
    expect((await errorOf(caller.reminder.set({ saleId: "a\u0000b" }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(caller.reminder.status({ saleId: "" }))).code).toBe("BAD_REQUEST");
  });
});
