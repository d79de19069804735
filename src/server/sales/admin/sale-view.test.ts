import { describe, expect, it } from "vitest";
import { emptyOrderCounts, type OrderCounts } from "./order-counts";
import type { AdminSaleRecord } from "./sale-record";
import { buildSaleView } from "./sale-view";

const now = new Date("2030-01-01T12:00:00Z");
const record = (overrides: Partial<AdminSaleRecord> = {}): AdminSaleRecord => ({
  id: "sale_1",
  slug: "sale-one",
  title: "Sale one",
  description: "",
  imageUrl: null,
  priceMinor: 4_999,
  currency: "USD",
  totalStock: 10,
  startsAt: new Date("2030-01-01T11:00:00Z"),
  endsAt: new Date("2030-01-01T13:00:00Z"),
  state: "PUBLISHED",
  holdSeconds: 600,
  offerSeconds: 300,
  waitlistEnabled: true,
  openingMode: "FIRST_COME",
  lobbyMinutes: 10,
  challengeCost: 0,
  minAccountAgeDays: 0,
  drawCommitment: null,
  drawnAt: null,
  drawEntrants: null,
  endedAt: null,
  createdAt: now,
  updatedAt: now,
  ...overrides,
});
const counts = (overrides: Partial<OrderCounts>): OrderCounts => ({ ...emptyOrderCounts(), ...overrides });
const hot = {
  state: "PUBLISHED",
  stockLeft: 4,
  total: 10,
  reserved: 6,
  openingMode: "FIRST_COME",
  drawnAt: null,
} as const;

describe("buildSaleView", () => {
  it("counts units kept by held, paid and confirmed orders only, and every order in the total", () => {
    const orders = counts({
      HELD: 2,
      PAID: 3,
      CONFIRMED: 1,
      EXPIRED: 4,
      CANCELLED: 1,
      REFUNDED: 1,
      REFUSED_OVERSOLD: 1,
    });
    const view = buildSaleView(record(), { hot, waitlisted: 5 }, orders, now);
    expect(view).toMatchObject({ orderCount: 6, orderTotal: 13, reserved: 6, stockLeft: 4, waitlisted: 5, orders });
  });

  it("ends when it was ended early, else at its planned end", () => {
    expect(buildSaleView(record(), { hot, waitlisted: 0 }, counts({}), now).actualEnd).toEqual(record().endsAt);
    const endedAt = new Date("2030-01-01T11:40:00Z");
    const early = buildSaleView(record({ state: "ENDED", endedAt }), { hot, waitlisted: 0 }, counts({}), now);
    expect(early).toMatchObject({ status: "ended", actualEnd: endedAt, endsAt: record().endsAt });
  });

  it("a live sale missing from Redis has unknown stock and an unknown waitlist", () => {
    const view = buildSaleView(record(), { hot: null, waitlisted: 0 }, counts({ PAID: 2 }), now);
    expect(view).toMatchObject({ stockLeft: null, waitlisted: null, status: "live" });
  });

  it("a draft is not in Redis and needs no waitlist: stock is total less units kept", () => {
    const view = buildSaleView(record({ state: "DRAFT" }), { hot: null, waitlisted: 0 }, counts({}), now);
    expect(view).toMatchObject({ stockLeft: 10, waitlisted: 0, status: "draft" });
  });

  it("orders that keep no unit still keep the sale from being deleted", () => {
    const ended = record({ state: "ENDED" });
    const expiredOnly = buildSaleView(
      ended,
      { hot: { ...hot, reserved: 0 }, waitlisted: 0 },
      counts({ EXPIRED: 1 }),
      now,
    );
    expect(expiredOnly.actions).toMatchObject({ delete: false, archive: true });
    const none = buildSaleView(ended, { hot: { ...hot, reserved: 0 }, waitlisted: 0 }, counts({}), now);
    expect(none.actions.delete).toBe(true);
  });

  it("a fair draw shows when its lobby opens and, once it has, locks its mode, lobby and start", () => {
    const upcoming = { startsAt: new Date("2030-01-01T12:30:00Z"), endsAt: new Date("2030-01-01T14:00:00Z") };
    const before = buildSaleView(
      record({ ...upcoming, openingMode: "FAIR_DRAW", lobbyMinutes: 20 }),
      { hot, waitlisted: 0 },
      counts({}),
      now,
    );
    expect(before.lobbyOpensAt).toEqual(new Date("2030-01-01T12:10:00Z"));
    expect(before.locked).toEqual({});

    const open = buildSaleView(
      record({ ...upcoming, openingMode: "FAIR_DRAW", lobbyMinutes: 45 }),
      { hot, waitlisted: 0 },
      counts({}),
      now,
    );
    expect(Object.keys(open.locked).sort()).toEqual(["lobbyMinutes", "openingMode", "startsAt"]);
    expect(buildSaleView(record(upcoming), { hot, waitlisted: 0 }, counts({}), now).lobbyOpensAt).toBeNull();
  });
});
