// The live-edit rules end to end on the real stack: what may change once a sale runs, the
// lifecycle buttons as shoppers feel them, delete versus archive, and the audit trail.
import { describe, expect, it } from "vitest";
import { saleToFormState } from "~/lib/sale-form/form-state";
import { saleKeys } from "~/server/inventory/keys";
import { reserveUnit } from "~/server/inventory/reserve-unit";
import { createArmedSale, createUsers, eventually, sessionFor } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import { errorOf, fieldErrorsOf, newAdmin, newShopper, validForm } from "./admin-testing";

const h = harnessForFile();

const HOUR = 3_600_000;
type Sale = Awaited<ReturnType<typeof createArmedSale>>;
const formOf = (sale: Sale, overrides: Partial<ReturnType<typeof validForm>> = {}) => ({
  ...saleToFormState(sale, "UTC"),
  ...overrides,
  id: sale.id,
});
const hotField = async (saleId: string, field: string) =>
  h.redis.hget<string | number>(saleKeys(h.namespace, saleId).sale, field);

describe("editing a live sale", () => {
  it.each([
    ["price", { price: "99.00" }, /price cannot change once the sale is live/],
    ["currency", { currency: "EUR" }, /currency cannot change once the sale is live/],
    [
      "startsAt",
      { startsAt: new Date(Date.now() + 10 * 60_000).toISOString().slice(0, 16) },
      /start cannot change once the sale is live/,
    ],
    ["slug", { slug: "a-brand-new-slug" }, /slug cannot change once the sale is live/],
  ] as const)("refuses a new %s with a clear message on that field", async (field, overrides, message) => {
    const sale = await createArmedSale(h.deps);
    const error = await errorOf(h.caller(await newAdmin(h.db)).admin.sale.update(formOf(sale, overrides)));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(fieldErrorsOf(error)[field]?.[0]).toMatch(message);
    expect(await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } })).toEqual(sale);
  });

  it("takes new words, image, stock and end — Redis and Postgres alike, with one audit row", async () => {
    const session = await newAdmin(h.db);
    const sale = await createArmedSale(h.deps, { totalStock: 10 });
    const newEnd = new Date(Math.floor((Date.now() + 5 * HOUR) / 60_000) * 60_000);
    const view = await h.caller(session).admin.sale.update(
      formOf(sale, {
        title: "Renamed live",
        description: "New words",
        imageUrl: "https://cdn.example.com/a.png",
        totalStock: "25",
        endsAt: newEnd.toISOString().slice(0, 16),
      }),
    );
    expect(view).toMatchObject({
      title: "Renamed live",
      totalStock: 25,
      stockLeft: 25,
      status: "live",
      endsAt: newEnd,
    });
    expect(Number(await hotField(sale.id, "total"))).toBe(25);
    expect(Number(await hotField(sale.id, "endsAt"))).toBe(newEnd.getTime());

    const audit = await h.db.auditLog.findMany({ where: { entityId: sale.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: session.user.id, action: "sale.update", entity: "Sale" });
    expect(audit[0]!.before).toEqual({
      title: sale.title,
      description: sale.description,
      imageUrl: null,
      totalStock: 10,
      endsAt: sale.endsAt.toISOString(),
    });
    expect(audit[0]!.after).toEqual({
      title: "Renamed live",
      description: "New words",
      imageUrl: "https://cdn.example.com/a.png",
      totalStock: 25,
      endsAt: newEnd.toISOString(),
    });
  });

  it("refuses stock below what is reserved, on the stock field, and changes nothing", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 5 });
    const shoppers = await createUsers(h.db, 3);
    for (const shopper of shoppers) await h.caller(sessionFor(shopper)).purchase.reserve({ saleId: sale.id });
    const error = await errorOf(h.caller(await newAdmin(h.db)).admin.sale.update(formOf(sale, { totalStock: "2" })));
    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(error)).toEqual({
      totalStock: ["3 units are already reserved, so the stock cannot go below 3."],
    });
    expect(Number(await hotField(sale.id, "total"))).toBe(5);
    expect(Number(await hotField(sale.id, "stock"))).toBe(2);
    expect((await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } })).totalStock).toBe(5);
    // Down to exactly the reserved count is fine: sold out.
    const view = await h.caller(await newAdmin(h.db)).admin.sale.update(formOf(sale, { totalStock: "3" }));
    expect(view).toMatchObject({ totalStock: 3, stockLeft: 0, status: "sold_out" });
  });

  it("refuses an end that has already passed", async () => {
    const sale = await createArmedSale(h.deps);
    const past = new Date(Date.now() - 5 * 60_000).toISOString().slice(0, 16);
    const error = await errorOf(h.caller(await newAdmin(h.db)).admin.sale.update(formOf(sale, { endsAt: past })));
    expect(Object.keys(fieldErrorsOf(error))).toEqual(["endsAt"]);
  });
});

describe("the lifecycle as shoppers feel it", () => {
  it("pause → reserve refused; resume → reserve works; end → refused, for good", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const sale = await createArmedSale(h.deps);
    const [first, second, third] = await createUsers(h.db, 3);

    expect(await admin.admin.sale.pause({ id: sale.id })).toMatchObject({ status: "paused" });
    expect(await hotField(sale.id, "state")).toBe("PAUSED");
    const paused = await errorOf(h.caller(sessionFor(first!)).purchase.reserve({ saleId: sale.id }));
    expect(paused.code).toBe("PRECONDITION_FAILED");
    expect(paused.message).toMatch(/paused/);

    expect(await admin.admin.sale.resume({ id: sale.id })).toMatchObject({ status: "live" });
    await expect(h.caller(sessionFor(second!)).purchase.reserve({ saleId: sale.id })).resolves.toMatchObject({
      status: "RESERVED",
    });

    expect(await admin.admin.sale.end({ id: sale.id })).toMatchObject({ status: "ended", state: "ENDED" });
    const ended = await errorOf(h.caller(sessionFor(third!)).purchase.reserve({ saleId: sale.id }));
    expect(ended.code).toBe("PRECONDITION_FAILED");
    expect(ended.message).toMatch(/ended/);
    const again = await errorOf(admin.admin.sale.resume({ id: sale.id }));
    expect(again.code).toBe("PRECONDITION_FAILED");

    const actions = await h.db.auditLog.findMany({ where: { entityId: sale.id }, orderBy: { createdAt: "asc" } });
    expect(actions.map((entry) => [entry.action, entry.before, entry.after])).toEqual([
      ["sale.pause", { state: "PUBLISHED" }, { state: "PAUSED" }],
      ["sale.resume", { state: "PAUSED" }, { state: "PUBLISHED" }],
      ["sale.end", { state: "PUBLISHED" }, { state: "ENDED" }],
    ]);
  });

  it("create → draft (not in Redis) → publish arms it; a live one shows on the storefront", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const created = await admin.admin.sale.create(validForm({ totalStock: "7" }, 0));
    expect(created).toMatchObject({ status: "draft", state: "DRAFT", stockLeft: 7, priceMinor: 12_999 });
    expect(await hotField(created.id, "state")).toBeNull();
    expect((await h.caller(null).sale.list()).some((sale) => sale.id === created.id)).toBe(false);

    const published = await admin.admin.sale.publish({ id: created.id });
    expect(published).toMatchObject({ status: "live", stockLeft: 7 });
    expect(await hotField(created.id, "state")).toBe("PUBLISHED");
    // Its storefront page (the list's first page depends on every other test file's sales).
    expect(await h.caller(null).sale.bySlug({ slug: created.slug })).toMatchObject({ id: created.id, phase: "live" });
    const [shopper] = await createUsers(h.db, 1);
    await expect(h.caller(sessionFor(shopper!)).purchase.reserve({ saleId: created.id })).resolves.toMatchObject({
      status: "RESERVED",
    });

    const twice = await errorOf(admin.admin.sale.publish({ id: created.id }));
    expect(twice).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "This sale is live, so it cannot be published.",
    });
    const audit = await h.db.auditLog.findMany({ where: { entityId: created.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["sale.create", "sale.publish"]);
    expect(audit[0]!.before).toBeNull();
    expect(audit[0]!.after).toMatchObject({ title: "Limited trainers", priceMinor: 12_999, state: "DRAFT" });
  });

  it("a scheduled sale takes any change, and Redis follows", async () => {
    const sale = await createArmedSale(h.deps, {
      startsAt: new Date(Date.now() + 2 * HOUR),
      endsAt: new Date(Date.now() + 3 * HOUR),
    });
    const view = await h
      .caller(await newAdmin(h.db))
      .admin.sale.update(
        formOf(sale, { price: "10.50", currency: "EUR", startsAt: validForm({}, 90).startsAt, totalStock: "4" }),
      );
    expect(view).toMatchObject({ status: "upcoming", priceMinor: 1_050, currency: "EUR", totalStock: 4 });
    expect(Number(await hotField(sale.id, "startsAt"))).toBe(view.startsAt.getTime());
    expect(Number(await hotField(sale.id, "total"))).toBe(4);
  });
});

describe("delete and archive", () => {
  it("delete is refused once a sale has orders (with archive offered); end then archive works", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const sale = await createArmedSale(h.deps);
    await h.caller(await newShopper(h.db)).purchase.reserve({ saleId: sale.id });
    await eventually(async () => (await h.db.order.count({ where: { saleId: sale.id } })) === 1, "the order");

    const refused = await errorOf(admin.admin.sale.delete({ id: sale.id }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/1 order, so it cannot be deleted.*Archive it instead/);
    const tooEarly = await errorOf(admin.admin.sale.archive({ id: sale.id }));
    expect(tooEarly).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "This sale is live. End it first, then archive it.",
    });

    await admin.admin.sale.end({ id: sale.id });
    await expect(admin.admin.sale.archive({ id: sale.id })).resolves.toEqual({ id: sale.id });
    expect((await admin.admin.sale.list()).some((row) => row.id === sale.id)).toBe(false);
    expect(await admin.admin.sale.byId({ id: sale.id })).toMatchObject({ status: "archived", orderCount: 1 });
    expect(await h.db.order.count({ where: { saleId: sale.id } })).toBe(1);
  });

  it("delete is refused while a reservation is still on its way to Postgres", async () => {
    const sale = await createArmedSale(h.deps);
    const [shopper] = await createUsers(h.db, 1);
    // A hold taken in Redis alone, as if QStash had not delivered its order yet.
    const held = await reserveUnit(h.redis, { namespace: h.namespace, saleId: sale.id, userId: shopper!.id });
    expect(held).toMatchObject({ ok: true, status: "RESERVED" });
    const refused = await errorOf(h.caller(await newAdmin(h.db)).admin.sale.delete({ id: sale.id }));
    expect(refused.message).toMatch(/1 reservation, so it cannot be deleted/);
    expect(await hotField(sale.id, "state")).toBe("PUBLISHED");
  });

  it("deletes a sale without orders: gone from Postgres and Redis, audited", async () => {
    const session = await newAdmin(h.db);
    const sale = await createArmedSale(h.deps);
    await expect(h.caller(session).admin.sale.delete({ id: sale.id })).resolves.toEqual({ id: sale.id });
    expect(await h.db.sale.findUnique({ where: { id: sale.id } })).toBeNull();
    expect(await h.redis.exists(saleKeys(h.namespace, sale.id).sale)).toBe(0);
    const [entry] = await h.db.auditLog.findMany({ where: { entityId: sale.id } });
    expect(entry).toMatchObject({ action: "sale.delete", actorId: session.user.id, after: null });
    expect(entry!.before).toMatchObject({ slug: sale.slug, totalStock: 10 });
  });
});
