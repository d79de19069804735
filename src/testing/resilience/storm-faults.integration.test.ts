// Acceptance: a storm of shoppers against the app as a separate process, while one part of the
// stack fails and comes back — Redis killed, Redis wiped, the app killed, Postgres stopped, QStash
// killed. Nobody runs a command: the only stand-in for time passing is firing the reconcile
// schedule. After each storm the books of the sale are checked against what every shopper was told.
import { afterAll, beforeAll, expect, it } from "vitest";
import { reserveUnit } from "~/server/inventory/reserve-unit";
import type { Books } from "./books";
import { reserveOnce, type Shopper, type StormResult } from "./storm";
import { startWorld, summaryLine, type World } from "./world";

const UNITS = 200;
const SHOPPERS = 1_200;
const MINUTE = 60_000;

let world: World;
beforeAll(async () => {
  world = await startWorld();
}, 2 * MINUTE);
afterAll(async () => {
  await world?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function report(
  name: string,
  storm: StormResult,
  books: Books,
  drain: Parameters<typeof summaryLine>[3],
  notes: Parameters<typeof summaryLine>[4] = {},
) {
  console.log(`${books.lines.map((line) => `  ${line}`).join("\n")}\n${summaryLine(name, storm, books, drain, notes)}`);
}

async function prepare() {
  const sale = await world.createSale(UNITS);
  const shoppers = await world.createShoppers(SHOPPERS);
  return { sale, shoppers, storm: world.storm(sale.id, shoppers) };
}

/** For a shopper sent away "sold out" while holding a unit: what the app and reserve.lua say now. */
async function askAgain(saleId: string, shoppers: readonly Shopper[], userIds: readonly string[]): Promise<string> {
  const shopper = shoppers.find((candidate) => candidate.userId === userIds[0]);
  if (!shopper) return "";
  const app = await reserveOnce(world.app.url, saleId, shopper);
  const lua = await reserveUnit(world.redis, { namespace: world.namespace, saleId, userId: shopper.userId });
  return `asked again, ${shopper.userId}: the app answers ${app.kind}, reserve.lua ${lua.ok ? lua.status : lua.reason}`;
}

it(
  "Redis SIGKILLed mid-storm and restarted empty: the sale resumes by itself and the books hold",
  async () => {
    const { sale, storm } = await prepare();
    await storm.reached("RESERVED", UNITS * 0.4);
    await world.stack.redis.kill();
    await sleep(1_000);
    const reconnectMs = await world.stack.redis.restart();
    const result = await storm.done;
    const drain = await world.drain(sale.id, result);
    const books = await world.books(sale.id, result);
    const resumed = world.app.events("sale.resumed").filter((event) => event.saleId === sale.id);
    report("redis-sigkill", result, books, drain, {
      extra:
        `REST stand-in answered ${reconnectMs} ms after redis-server restarted; ` +
        `re-armed ×${resumed.length} (${resumed.map((event) => `${String(event.tookMs)} ms`).join(", ")})`,
    });

    expect(result.count("NOT_FOUND")).toBe(0);
    expect(result.count("RESUMING")).toBeGreaterThan(0);
    expect(resumed.length).toBeGreaterThanOrEqual(1);
    expect(books.problems).toEqual([]);
  },
  2 * MINUTE,
);

it(
  "Redis FLUSHALL while order deliveries are in flight: the books hold",
  async () => {
    const { sale, storm } = await prepare();
    await storm.reached("RESERVED", UNITS * 0.5);
    const held = () => world.stack.qstash.stats().pending;
    for (let tries = 0; held() === 0 && tries < 100; tries += 1) await sleep(10);
    const heldAtFlush = held();
    await world.stack.redis.flushAll();
    const result = await storm.done;
    const drain = await world.drain(sale.id, result);
    const books = await world.books(sale.id, result);
    report("redis-flushall", result, books, drain, { extra: `${heldAtFlush} messages held by QStash at the flush` });

    expect(heldAtFlush).toBeGreaterThan(0);
    expect(result.count("NOT_FOUND")).toBe(0);
    expect(books.problems).toEqual([]);
  },
  2 * MINUTE,
);

it(
  "the app process SIGKILLed mid-storm and restarted: the books hold without a command",
  async () => {
    const { sale, shoppers, storm } = await prepare();
    await storm.reached("RESERVED", UNITS * 0.4);
    await world.app.kill();
    const down = Date.now();
    await world.app.restart();
    const restartMs = Date.now() - down;
    const result = await storm.done;
    const drain = await world.drain(sale.id, result);
    const books = await world.books(sale.id, result);
    const again = await askAgain(sale.id, shoppers, books.toldSoldOutWithUnit);
    report("app-sigkill", result, books, drain, {
      extra: `the app served again ${restartMs} ms after the kill${again ? `; ${again}` : ""}`,
    });

    expect(result.count("NETWORK")).toBeGreaterThan(0);
    expect(books.problems).toEqual([]);
  },
  2 * MINUTE,
);

it(
  "Postgres stopped (refusing connections) for 20 s during the drain, then started: all persisted after",
  async () => {
    const { sale, storm } = await prepare();
    await storm.reached("RESERVED", UNITS * 0.5);
    const ordersAtStop = await world.db.order.count({ where: { saleId: sale.id } });
    await world.stack.postgres.stop();
    const stoppedAt = Date.now();
    const refused = await world.db.$queryRaw`SELECT 1`.then(
      () => false,
      () => true,
    );
    const result = await storm.done;
    await sleep(Math.max(0, 20_000 - (Date.now() - stoppedAt)));
    await world.stack.postgres.start();
    const startedAt = Date.now();
    const drain = await world.drain(sale.id, result, { since: startedAt });
    const books = await world.books(sale.id, result);
    report("postgres-stopped-20s", result, books, drain, {
      drainedSince: "Postgres started again",
      extra: `${ordersAtStop} orders in Postgres when it stopped for ${((startedAt - stoppedAt) / 1000).toFixed(1)} s`,
    });

    expect(refused).toBe(true);
    expect(ordersAtStop).toBeLessThan(UNITS);
    expect(books.problems).toEqual([]);
  },
  2 * MINUTE,
);

it(
  "QStash killed for 10 s mid-storm and restarted: every reservation persisted with no command run",
  async () => {
    const { sale, storm } = await prepare();
    await storm.reached("RESERVED", UNITS * 0.4);
    const heldAtKill = world.stack.qstash.stats().pending;
    await world.stack.qstash.kill();
    await sleep(10_000);
    await world.stack.qstash.restart();
    const restoredAt = Date.now();
    const heldAfterRestart = world.stack.qstash.stats().pending;
    const result = await storm.done;
    const stormOutlastedOutage = result.endedAt > restoredAt;
    const drain = await world.drain(sale.id, result, { since: Math.max(restoredAt, result.endedAt) });
    const books = await world.books(sale.id, result);
    const publishFailures = world.app.events("purchase.publish_failed").filter((event) => event.saleId === sale.id);
    report("qstash-killed-10s", result, books, drain, {
      drainedSince: stormOutlastedOutage ? "the last answer" : "QStash came back",
      extra:
        `${heldAtKill} messages held at the kill, ${heldAfterRestart} back from its journal after the restart; ` +
        `${publishFailures.length} publishes failed during the outage`,
    });

    expect(publishFailures.length).toBeGreaterThan(0);
    expect(books.problems).toEqual([]);
  },
  2 * MINUTE,
);
