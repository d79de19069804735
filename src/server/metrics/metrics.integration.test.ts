// Metrics on the real local stack: the Lua scripts count their answers in the same atomic step, so
// a storm's counts equal its outcomes exactly; the app-side recorder adds its events with one
// script call per sale; the monitor's snapshot and the Prometheus text read them back.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale, createUsers, eventually, sessionFor } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import { renderPrometheus } from "./prometheus";
import { readMonitorSnapshot, readSaleFigures } from "./reader";
import { createMetricsRecorder } from "./recorder";

const h = harnessForFile();

const outcomeOf = (error: unknown) => (error instanceof TRPCError ? error.code : `unexpected: ${String(error)}`);

/** Every minute bucket of a sale: "<second>:<event>" → value, merged. */
async function allBuckets(saleId: string): Promise<Map<string, number>> {
  const keys = saleKeys(h.namespace, saleId);
  const merged = new Map<string, number>();
  for (const key of await h.redis.keys(`${keys.metrics}:*`)) {
    const bucket = (await h.redis.hgetall<Record<string, number>>(key)) ?? {};
    for (const [field, value] of Object.entries(bucket)) merged.set(field, Number(value));
  }
  return merged;
}

function sumOf(buckets: Map<string, number>, event: string): number {
  let sum = 0;
  for (const [field, value] of buckets) if (field.slice(field.indexOf(":") + 1) === event) sum += value;
  return sum;
}

async function totalsOf(saleId: string): Promise<Record<string, number>> {
  const raw = (await h.redis.hgetall<Record<string, number>>(saleKeys(h.namespace, saleId).metrics)) ?? {};
  return Object.fromEntries(Object.entries(raw).map(([event, n]) => [event, Number(n)]));
}

describe("a storm through the services", () => {
  it("300 shoppers against 50 units: the counts are the outcomes, to the unit", async () => {
    const users = await createUsers(h.db, 300);
    const sale = await createArmedSale(h.deps, { totalStock: 50 });

    const results = await Promise.all(
      users.map((user) =>
        h
          .caller(sessionFor(user))
          .purchase.reserve({ saleId: sale.id })
          .then((ok) => ok.status as string)
          .catch(outcomeOf),
      ),
    );
    expect(results.filter((status) => status === "RESERVED")).toHaveLength(50);
    expect(results.filter((status) => status === "CONFLICT")).toHaveLength(250);

    await eventually(async () => (await h.db.order.count({ where: { saleId: sale.id } })) === 50, "50 orders");
    await h.services.metrics.recorder.flush();
    const totals = await totalsOf(sale.id);

    // Counted inside reserve.lua: one answer per attempt that reached Redis, one hold per unit.
    expect(totals["reserve.RESERVED"]).toBe(50);
    expect(totals["hold.taken"]).toBe(50);
    // Sold out, from Redis or from an instance's memory: every attempt that did not get a unit.
    expect((totals["reserve.SOLD_OUT"] ?? 0) + (totals["soldout.cached"] ?? 0)).toBe(250);
    expect(Object.keys(totals).filter((event) => event.startsWith("reserve."))).toEqual(
      expect.arrayContaining(["reserve.RESERVED", "reserve.SOLD_OUT"]),
    );
    // Counted by the app: one accepted publish per reservation.
    expect(totals["publish.ok"]).toBe(50);
    expect(totals["publish.failed"]).toBeUndefined();

    // The per-second buckets add up to the totals, event by event.
    const buckets = await allBuckets(sale.id);
    for (const [event, total] of Object.entries(totals)) expect([event, sumOf(buckets, event)]).toEqual([event, total]);

    // The last gauges written say what the sale's hash says: nothing free, 50 held, nobody queued.
    const lastSecond = Math.max(
      ...[...buckets.keys()].filter((field) => field.endsWith(":g.stock")).map((field) => Number(field.split(":")[0])),
    );
    expect(buckets.get(`${lastSecond}:g.stock`)).toBe(0);
    expect(buckets.get(`${lastSecond}:g.held`)).toBe(50);
    expect(buckets.get(`${lastSecond}:g.waitlist`)).toBe(0);

    // Each first persist is counted once with its lag, once every delivery has been answered.
    await eventually(async () => {
      await h.services.metrics.recorder.flush();
      return (await totalsOf(sale.id))["persist.count"] === 50;
    }, "50 first persists counted");
    const persisted = await totalsOf(sale.id);
    expect(persisted["persist.le_10000"]).toBeLessThanOrEqual(50);
    expect(persisted["persist.le_100"] ?? 0).toBeLessThanOrEqual(persisted["persist.le_10000"] ?? 0);
    expect(persisted["persist.lag_ms"]).toBeGreaterThan(0);

    // The monitor's snapshot reads the same figures back.
    const snapshot = await readMonitorSnapshot(h.deps, sale.id, { windowSec: 120 });
    expect(snapshot.series.t).toHaveLength(120);
    expect(snapshot.series.reserved.reduce((a, b) => a + b, 0)).toBe(50);
    expect(snapshot.series.refused.reduce((a, b) => a + b, 0)).toBe(250);
    expect(snapshot.series.holdsTaken.reduce((a, b) => a + b, 0)).toBe(50);
    expect(snapshot.series.stock.at(-1)).toBe(0);
    expect(snapshot.series.held.at(-1)).toBe(50);
    expect(snapshot.now).toMatchObject({ state: "PUBLISHED", stock: 0, total: 50, held: 50, paid: 0, waitlist: 0 });
    expect(snapshot.totals["reserve.RESERVED"]).toBe(50);
    expect(snapshot.refusalsByReason[0]).toEqual({ reason: "SOLD_OUT", count: 250 });
  });
});

describe("holds and the waitlist", () => {
  it("a cancelled hold's unit is offered to the queue's head, counted and shown in the gauges", async () => {
    const [first, second] = await createUsers(h.db, 2);
    const sale = await createArmedSale(h.deps, { totalStock: 1, waitlistEnabled: true });
    await h.caller(sessionFor(first!)).purchase.reserve({ saleId: sale.id });
    await h.caller(sessionFor(second!)).purchase.joinWaitlist({ saleId: sale.id });
    let totals = await totalsOf(sale.id);
    expect(totals).toMatchObject({
      "reserve.RESERVED": 1,
      "reserve.WAITLISTED": 1,
      "waitlist.joined": 1,
      "hold.taken": 1,
    });

    await h.caller(sessionFor(first!)).checkout.cancel({ saleId: sale.id });
    totals = await totalsOf(sale.id);
    expect(totals).toMatchObject({ "hold.cancelled": 1, "waitlist.offered": 1, "hold.taken": 2 });
    const snapshot = await readMonitorSnapshot(h.deps, sale.id, { windowSec: 30 });
    expect(snapshot.series.held.at(-1)).toBe(1);
    expect(snapshot.series.waitlist.at(-1)).toBe(0);
    expect(snapshot.series.stock.at(-1)).toBe(0);
  });
});

describe("the app-side recorder", () => {
  it("two instances' buffered events land once each, in the second they happened", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 5 });
    let clock = Date.UTC(2026, 11, 2, 17, 59, 59, 500);
    const instance = () =>
      createMetricsRecorder({ redis: h.redis, namespace: h.namespace, logger: h.services.logger, now: () => clock });
    const [a, b] = [instance(), instance()];
    for (let i = 0; i < 7; i++) a.count(sale.id, "ratelimit.denied");
    b.count(sale.id, "ratelimit.denied", 3);
    a.persisted(sale.id, 180);
    clock += 1_000; // the next second, in the next minute's bucket
    b.persisted(sale.id, 2_400);
    b.count(sale.id, "delivery.dead");
    await Promise.all([a.flush(), b.flush()]);

    const totals = await totalsOf(sale.id);
    expect(totals).toMatchObject({
      "ratelimit.denied": 10,
      "delivery.dead": 1,
      "persist.count": 2,
      "persist.lag_ms": 2_580,
      "persist.le_250": 1,
      "persist.le_5000": 2,
    });
    expect(totals["persist.le_100"]).toBeUndefined();
    const buckets = await allBuckets(sale.id);
    const second = Math.floor(Date.UTC(2026, 11, 2, 17, 59, 59) / 1000);
    expect(buckets.get(`${second}:ratelimit.denied`)).toBe(10);
    expect(buckets.get(`${second + 1}:persist.lag_ms`)).toBe(2_400);
    // The two seconds straddle a minute: two buckets, each expiring in 2 h.
    const metricsKey = saleKeys(h.namespace, sale.id).metrics;
    for (const minute of [Math.floor(second / 60), Math.floor(second / 60) + 1]) {
      expect(
        await h.redis.hget(
          `${metricsKey}:${minute}`,
          `${minute === Math.floor(second / 60) ? second : second + 1}:persist.count`,
        ),
      ).toBe(1);
      expect(await h.redis.ttl(`${metricsKey}:${minute}`)).toBeGreaterThan(7_000);
    }
    // Nothing left to write: a second flush changes nothing.
    await a.flush();
    expect(await totalsOf(sale.id)).toEqual(totals);
  });

  it("renders the counters in Prometheus text with the sale's slug", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 3 });
    const [user] = await createUsers(h.db, 1);
    await h.caller(sessionFor(user!)).purchase.reserve({ saleId: sale.id });
    const figures = (await readSaleFigures(h.deps, [sale.id])).get(sale.id)!;
    const text = renderPrometheus([{ slug: sale.slug, figures, deadLetters: 0 }]);
    expect(text).toContain(`stampede_reserve_answers_total{sale="${sale.slug}",status="RESERVED"} 1`);
    expect(text).toContain(`stampede_holds_total{sale="${sale.slug}",event="taken"} 1`);
    expect(text).toContain(`stampede_stock{sale="${sale.slug}"} 2`);
    expect(text).toContain(`stampede_held{sale="${sale.slug}"} 1`);
  });
});
