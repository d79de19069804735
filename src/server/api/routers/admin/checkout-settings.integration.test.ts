// The hold window, offer window and waitlist switch through admin.sale.create / update on the real
// stack: stored in seconds in Postgres, applied to Redis while the sale runs, audited, kept when a
// caller leaves them out, and closed once the sale has ended.
import { describe, expect, it } from "vitest";
import { saleToFormState, type SaleFormState } from "~/lib/sale-form/form-state";
import { dropHotState } from "~/server/inventory/hot-state";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import { errorOf, fieldErrorsOf, newAdmin, validForm } from "./admin-testing";

const h = harnessForFile();

type Sale = Awaited<ReturnType<typeof createArmedSale>>;
const formOf = (sale: Sale, overrides: Partial<SaleFormState> = {}) => ({
  ...saleToFormState(sale, "UTC"),
  ...overrides,
  id: sale.id,
});
/** The form an editor page opened before the checkout settings existed would send. */
function withoutCheckout<T extends Partial<SaleFormState>>(form: T) {
  const { holdMinutes: _hold, offerMinutes: _offer, waitlistEnabled: _waitlist, ...rest } = form;
  return rest;
}
const hotFields = async (saleId: string) =>
  h.redis.hmget<Record<string, string | number | null>>(
    saleKeys(h.namespace, saleId).sale,
    "holdMs",
    "offerMs",
    "waitlist",
  );
const stored = (id: string) =>
  h.db.sale.findUniqueOrThrow({
    where: { id },
    select: { holdSeconds: true, offerSeconds: true, waitlistEnabled: true },
  });

describe("creating a sale", () => {
  it("stores the windows in seconds and the switch, and audits them", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const view = await admin.admin.sale.create(
      validForm({ holdMinutes: "20", offerMinutes: "3", waitlistEnabled: true }),
    );
    expect(view).toMatchObject({ holdSeconds: 1_200, offerSeconds: 180, waitlistEnabled: true, waitlisted: 0 });
    expect(await stored(view.id)).toEqual({ holdSeconds: 1_200, offerSeconds: 180, waitlistEnabled: true });
    const [entry] = await h.db.auditLog.findMany({ where: { entityId: view.id } });
    expect(entry!.after).toMatchObject({ holdSeconds: 1_200, offerSeconds: 180, waitlistEnabled: true });
  });

  it("a caller that leaves them out gets 10 minutes to pay, 5 for an offer, and no waitlist", async () => {
    const view = await h.caller(await newAdmin(h.db)).admin.sale.create(withoutCheckout(validForm()));
    expect(await stored(view.id)).toEqual({ holdSeconds: 600, offerSeconds: 300, waitlistEnabled: false });
  });

  it("the settings reach Redis when the sale is published", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const draft = await admin.admin.sale.create(
      validForm({ holdMinutes: "7", offerMinutes: "2", waitlistEnabled: true }),
    );
    await admin.admin.sale.publish({ id: draft.id });
    expect(await hotFields(draft.id)).toEqual({ holdMs: 420_000, offerMs: 120_000, waitlist: 1 });
  });
});

describe("editing a live sale's checkout", () => {
  it("takes new windows and the switch: Postgres, Redis and one audit row", async () => {
    const session = await newAdmin(h.db);
    const sale = await createArmedSale(h.deps);
    const view = await h
      .caller(session)
      .admin.sale.update(formOf(sale, { holdMinutes: "20", offerMinutes: "2", waitlistEnabled: true }));
    expect(view).toMatchObject({ status: "live", holdSeconds: 1_200, offerSeconds: 120, waitlistEnabled: true });
    expect(await stored(sale.id)).toEqual({ holdSeconds: 1_200, offerSeconds: 120, waitlistEnabled: true });
    expect(await hotFields(sale.id)).toEqual({ holdMs: 1_200_000, offerMs: 120_000, waitlist: 1 });

    const audit = await h.db.auditLog.findMany({ where: { entityId: sale.id } });
    expect(audit.map((entry) => [entry.action, entry.actorId, entry.before, entry.after])).toEqual([
      [
        "sale.update",
        session.user.id,
        { holdSeconds: 600, offerSeconds: 300, waitlistEnabled: false },
        { holdSeconds: 1_200, offerSeconds: 120, waitlistEnabled: true },
      ],
    ]);
  });

  it("switching the waitlist off again reaches Redis too", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const sale = await createArmedSale(h.deps);
    await admin.admin.sale.update(formOf(sale, { waitlistEnabled: true }));
    await admin.admin.sale.update(formOf(sale, { waitlistEnabled: false }));
    expect((await stored(sale.id)).waitlistEnabled).toBe(false);
    expect(await hotFields(sale.id)).toMatchObject({ waitlist: 0 });
  });

  it("an update that leaves them out keeps them (an editor opened before they existed)", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const sale = await createArmedSale(h.deps);
    await admin.admin.sale.update(formOf(sale, { holdMinutes: "15", waitlistEnabled: true }));
    const view = await admin.admin.sale.update(withoutCheckout(formOf(sale, { title: "Renamed" })));
    expect(view).toMatchObject({ title: "Renamed", holdSeconds: 900, offerSeconds: 300, waitlistEnabled: true });
    expect(await hotFields(sale.id)).toEqual({ holdMs: 900_000, offerMs: 300_000, waitlist: 1 });
  });

  it("a window that is not a whole minute survives a save that did not touch it", async () => {
    const sale = await createArmedSale(h.deps);
    await h.db.sale.update({ where: { id: sale.id }, data: { holdSeconds: 90 } });
    const form = formOf({ ...sale, holdSeconds: 90 }, { title: "Words only" });
    expect(form.holdMinutes).toBe("2");
    await h.caller(await newAdmin(h.db)).admin.sale.update(form);
    expect((await stored(sale.id)).holdSeconds).toBe(90);
    const [entry] = await h.db.auditLog.findMany({ where: { entityId: sale.id } });
    expect(entry!.after).toEqual({ title: "Words only" });
  });

  it("with Redis missing the sale, the re-arm after the save carries the new settings", async () => {
    const sale = await createArmedSale(h.deps);
    await dropHotState(h.redis, h.namespace, sale.id);
    await h.caller(await newAdmin(h.db)).admin.sale.update(formOf(sale, { offerMinutes: "9", waitlistEnabled: true }));
    expect(await hotFields(sale.id)).toEqual({ holdMs: 600_000, offerMs: 540_000, waitlist: 1 });
  });
});

describe("after the end", () => {
  it.each([
    ["holdMinutes", { holdMinutes: "30" }, "The hold window cannot change after the sale has ended."],
    ["offerMinutes", { offerMinutes: "1" }, "The offer window cannot change after the sale has ended."],
    ["waitlistEnabled", { waitlistEnabled: true }, "The waitlist cannot be switched after the sale has ended."],
  ] as const)("a new %s is refused on its field, and nothing changes", async (field, overrides, message) => {
    const sale = await createArmedSale(h.deps, { state: "ENDED" });
    const error = await errorOf(h.caller(await newAdmin(h.db)).admin.sale.update(formOf(sale, overrides)));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(fieldErrorsOf(error)).toEqual({ [field]: [message] });
    expect(await stored(sale.id)).toEqual({ holdSeconds: 600, offerSeconds: 300, waitlistEnabled: false });
  });

  it("saving the words of an ended sale leaves its unchanged settings alone", async () => {
    const sale = await createArmedSale(h.deps, { state: "ENDED" });
    const view = await h.caller(await newAdmin(h.db)).admin.sale.update(formOf(sale, { title: "Final words" }));
    expect(view).toMatchObject({ title: "Final words", holdSeconds: 600, waitlistEnabled: false });
  });
});
