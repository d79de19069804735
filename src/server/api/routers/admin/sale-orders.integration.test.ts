// A sale's orders as the admin reads them on the real stack: counted by state on the sale view and
// in the list, filtered by state on the orders page (PENDING read as CONFIRMED), each with its order
// number and, while held, its expiry; and the waitlist's length from Redis. Searched by any part of
// the shopper's email or by the order number however it is typed; a bad search is a BAD_REQUEST.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { orderNumberOf } from "~/lib/checkout";
import { saleToFormState } from "~/lib/sale-form/form-state";
import type { OrderStatus } from "~/server/db";
import { dropHotState } from "~/server/inventory/hot-state";
import { reserveUnit } from "~/server/inventory/reserve-unit";
import { ORDER_STATE_FILTERS } from "~/server/sales/admin/order-counts";
import { createArmedSale, createUsers, uniqueId } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import { errorOf, fieldErrorsOf, newAdmin } from "./admin-testing";

const h = harnessForFile();

/** One order per entry, reserved a second apart in this order. */
const MIX: Array<{ status: OrderStatus; kind?: "OFFER" }> = [
  { status: "HELD" },
  { status: "PAID" },
  { status: "CONFIRMED" },
  { status: "PENDING" },
  { status: "EXPIRED" },
  { status: "CANCELLED" },
  { status: "REFUNDED" },
  { status: "REFUSED_OVERSOLD" },
  { status: "HELD", kind: "OFFER" },
  { status: "PAID" },
];

async function saleWithOrders(mix = MIX) {
  const sale = await createArmedSale(h.deps, { totalStock: 20 });
  const users = await createUsers(h.db, mix.length);
  const run = uniqueId("");
  const holdEnds = new Date(Date.UTC(2030, 0, 1, 12, 10));
  await h.db.order.createMany({
    data: mix.map(({ status, kind }, index) => ({
      saleId: sale.id,
      userId: users[index]!.id,
      reservationId: `rsv_${run}${String(index).padStart(4, "0")}`,
      status,
      holdKind: kind ?? "RESERVATION",
      priceMinor: 4_999,
      currency: "USD",
      reservedAt: new Date(Date.UTC(2030, 0, 1, 12, 0, index)),
      expiresAt: status === "PENDING" || status === "CONFIRMED" ? null : holdEnds,
    })),
  });
  return { sale, users, run, holdEnds };
}

describe("orders by state", () => {
  it("the sale view and the list count every state, PENDING as CONFIRMED", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const { sale } = await saleWithOrders();
    const expected = {
      HELD: 2,
      PAID: 2,
      CONFIRMED: 2,
      EXPIRED: 1,
      CANCELLED: 1,
      REFUNDED: 1,
      REFUSED_OVERSOLD: 1,
    };
    const view = await admin.admin.sale.byId({ id: sale.id });
    // Units kept: awaiting payment, paid and confirmed; nothing else holds one.
    expect(view).toMatchObject({ orders: expected, orderCount: 6, orderTotal: 10, waitlisted: 0 });
    const row = (await admin.admin.sale.list()).find((each) => each.id === sale.id);
    expect(row).toMatchObject({ orders: expected, orderCount: 6, orderTotal: 10, waitlisted: 0 });
  });

  it("a sale without orders counts zeros; a draft has no waitlist to read", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const draft = await createArmedSale(h.deps, { state: "DRAFT" });
    const view = await admin.admin.sale.byId({ id: draft.id });
    expect(view.orders).toEqual(Object.fromEntries(ORDER_STATE_FILTERS.map((state) => [state, 0])));
    expect(view).toMatchObject({ orderCount: 0, orderTotal: 0, waitlisted: 0 });
  });

  it("shoppers queueing on a sold-out sale show as waitlisted, on the view and in the list", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const sale = await createArmedSale(h.deps, { totalStock: 1 });
    await admin.admin.sale.update({ ...saleToFormState(sale, "UTC"), id: sale.id, waitlistEnabled: true });
    const [winner, ...queue] = await createUsers(h.db, 3);
    const reserve = (userId: string, joinWaitlist = false) =>
      reserveUnit(h.redis, { namespace: h.namespace, saleId: sale.id, userId, joinWaitlist });
    expect(await reserve(winner!.id)).toMatchObject({ ok: true, status: "RESERVED" });
    for (const shopper of queue) expect(await reserve(shopper.id, true)).toMatchObject({ reason: "WAITLISTED" });

    expect(await admin.admin.sale.byId({ id: sale.id })).toMatchObject({ waitlisted: 2, status: "sold_out" });
    expect((await admin.admin.sale.list()).find((each) => each.id === sale.id)).toMatchObject({ waitlisted: 2 });
  });

  it("a live sale whose Redis state is gone reads its waitlist as unknown, not empty", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const sale = await createArmedSale(h.deps);
    await dropHotState(h.redis, h.namespace, sale.id);
    expect(await admin.admin.sale.byId({ id: sale.id })).toMatchObject({ stockLeft: null, waitlisted: null });
  });
});

describe("admin.sale.orders filtered by state", () => {
  it.each([
    ["HELD", ["HELD", "HELD"]],
    ["PAID", ["PAID", "PAID"]],
    ["CONFIRMED", ["CONFIRMED", "PENDING"]],
    ["EXPIRED", ["EXPIRED"]],
    ["CANCELLED", ["CANCELLED"]],
    ["REFUNDED", ["REFUNDED"]],
    ["REFUSED_OVERSOLD", ["REFUSED_OVERSOLD"]],
  ] as const)("%s shows exactly %j, oldest first", async (state, statuses) => {
    const admin = h.caller(await newAdmin(h.db));
    const { sale } = await saleWithOrders();
    const page = await admin.admin.sale.orders({ saleId: sale.id, state });
    expect(page.state).toBe(state);
    expect(page.items.map((order) => order.status)).toEqual(statuses);
    expect(page.total).toBe(statuses.length);
    expect(page.counts[state]).toBe(statuses.length);
    const times = page.items.map((order) => order.reservedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("without a state: every order, with its order number, and the expiry of holds", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const { sale, run, holdEnds } = await saleWithOrders();
    const page = await admin.admin.sale.orders({ saleId: sale.id });
    expect(page).toMatchObject({ state: null, total: 10, pageCount: 1 });
    expect(page.items).toHaveLength(10);
    const [held] = page.items;
    expect(held).toMatchObject({
      status: "HELD",
      holdKind: "RESERVATION",
      expiresAt: holdEnds,
      orderNumber: orderNumberOf(`rsv_${run}0000`),
    });
    expect(held!.orderNumber).toMatch(/^SP-[0-9A-F]{5}-[0-9A-F]{5}$/);
    expect(page.items.find((order) => order.holdKind === "OFFER")).toMatchObject({ status: "HELD" });
    expect(page.items.find((order) => order.status === "PENDING")!.expiresAt).toBeNull();
  });

  it("pages within the filter", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const { sale } = await saleWithOrders();
    const first = await admin.admin.sale.orders({ saleId: sale.id, state: "HELD", pageSize: 1 });
    const second = await admin.admin.sale.orders({ saleId: sale.id, state: "HELD", pageSize: 1, page: 2 });
    expect([first.pageCount, second.pageCount]).toEqual([2, 2]);
    expect([...first.items, ...second.items].map((order) => order.holdKind)).toEqual(["RESERVATION", "OFFER"]);
  });

  it.each(["PENDING", "held", "WAITLISTED", "", "HELD,PAID"])(
    "an unknown state %j is BAD_REQUEST with the states to pick from, never a 500",
    async (state) => {
      const { sale } = await saleWithOrders([{ status: "PAID" }]);
      const error = await errorOf(
        h.caller(await newAdmin(h.db)).admin.sale.orders({ saleId: sale.id, state: state as "HELD" }),
      );
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toContain("Pick one of the order states: HELD, PAID, CONFIRMED");
    },
  );
});

describe("admin.sale.orders searched by email or order number", () => {
  /** Orders with real reservation ids (rsv_ + 32 hex), so their numbers read as shoppers see them. */
  async function saleWithShoppers(emails: string[]) {
    const sale = await createArmedSale(h.deps, { totalStock: 20 });
    const run = uniqueId("");
    const users = await Promise.all(
      emails.map((email) => h.db.user.create({ data: { email: email.replace("@", `+${run}@`) } })),
    );
    const reservationIds = users.map(() => `rsv_${randomUUID().replaceAll("-", "")}`);
    await h.db.order.createMany({
      data: users.map((user, index) => ({
        saleId: sale.id,
        userId: user.id,
        reservationId: reservationIds[index]!,
        status: "PAID" as const,
        priceMinor: 4_999,
        currency: "USD",
        reservedAt: new Date(Date.UTC(2030, 0, 1, 12, 0, index)),
      })),
    });
    return { sale, run, reservationIds, emails: users.map((user) => user.email) };
  }

  it("finds orders by any part of the email, whatever its case", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const { sale, emails } = await saleWithShoppers([
      "Ada.Lovelace@example.test",
      "grace@example.test",
      "ada.byron@elsewhere.test",
    ]);
    const emailsFound = async (search: string) =>
      (await admin.admin.sale.orders({ saleId: sale.id, search })).items.map((order) => order.email);
    expect(await emailsFound("ADA")).toEqual([emails[0], emails[2]]);
    expect(await emailsFound("lovelace@")).toEqual([]); // the +run tag sits before the @
    expect(await emailsFound("  grace  ")).toEqual([emails[1]]);
    expect(await emailsFound("elsewhere.TEST")).toEqual([emails[2]]);
    const page = await admin.admin.sale.orders({ saleId: sale.id, search: "ada" });
    expect(page).toMatchObject({ search: "ada", total: 2, pageCount: 1 });
    // The filter's labels still count the whole sale.
    expect(page.counts.PAID).toBe(3);
  });

  it("finds an order by its number typed the ways shoppers type it", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const { sale, reservationIds } = await saleWithShoppers(["one@example.test", "two@example.test"]);
    const number = orderNumberOf(reservationIds[1]!);
    const compact = number.replaceAll("-", "");
    for (const typed of [
      number,
      number.toLowerCase(),
      compact,
      compact.slice(2),
      number.slice(3),
      ` ${number.slice(3, 8)} ${number.slice(9)} `,
      `#${number}`,
    ]) {
      const page = await admin.admin.sale.orders({ saleId: sale.id, search: typed });
      expect(
        page.items.map((order) => order.orderNumber),
        typed,
      ).toEqual([number]);
    }
    // The first group alone is enough, as long as it is whole.
    const byFirstGroup = await admin.admin.sale.orders({ saleId: sale.id, search: number.slice(0, 8) });
    expect(byFirstGroup.items.map((order) => order.orderNumber)).toContain(number);
  });

  it("a search with no match is an empty page, not an error; the state filter still applies", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const { sale, reservationIds } = await saleWithShoppers(["zed@example.test"]);
    expect(await admin.admin.sale.orders({ saleId: sale.id, search: "nobody-here" })).toMatchObject({
      items: [],
      total: 0,
      pageCount: 1,
      search: "nobody-here",
    });
    expect(await admin.admin.sale.orders({ saleId: sale.id, search: "SP-00000-00000" })).toMatchObject({ total: 0 });
    const number = orderNumberOf(reservationIds[0]!);
    expect(await admin.admin.sale.orders({ saleId: sale.id, search: number, state: "HELD" })).toMatchObject({
      total: 0,
    });
    expect(await admin.admin.sale.orders({ saleId: sale.id, search: number, state: "PAID" })).toMatchObject({
      total: 1,
    });
    // A blank search is no search.
    expect(await admin.admin.sale.orders({ saleId: sale.id, search: "   " })).toMatchObject({ total: 1, search: null });
  });

  it("pages within a search", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const { sale, emails } = await saleWithShoppers(["p1@paging.test", "p2@paging.test", "p3@paging.test"]);
    const pages = await Promise.all(
      [1, 2].map((page) => admin.admin.sale.orders({ saleId: sale.id, search: "PAGING", pageSize: 2, page })),
    );
    expect(pages.map((each) => each.pageCount)).toEqual([2, 2]);
    expect(pages.flatMap((each) => each.items.map((order) => order.email))).toEqual(emails);
  });

  it.each([
    ["x".repeat(255), "at most 254 characters"],
    ["ada\u0000@example.test", "without control characters"],
    ["line\nbreak", "without control characters"],
  ])("a search of %j is BAD_REQUEST saying why", async (search, message) => {
    const { sale } = await saleWithShoppers(["bad@example.test"]);
    const error = await errorOf(h.caller(await newAdmin(h.db)).admin.sale.orders({ saleId: sale.id, search }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(error).search?.[0]).toContain(message);
  });

  it("a search that is not text is BAD_REQUEST", async () => {
    const { sale } = await saleWithShoppers(["bad@example.test"]);
    const error = await errorOf(
      h.caller(await newAdmin(h.db)).admin.sale.orders({ saleId: sale.id, search: 42 as unknown as string }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(error).search?.[0]).toBe("Search with text: an email address or an order number.");
  });
});
