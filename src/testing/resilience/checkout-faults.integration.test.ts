// Acceptance: holds keep expiring and the waitlist keeps moving while QStash — which carries every
// hold's expiry — is killed mid-way and restarted. The app runs as its own process; nobody runs a
// command: QStash's own deliveries and the reconcile schedule (fired here as a minute passing) are
// all that release holds.
//
// Books checked: sampled every 50 ms, Redis stock + held + paid = total and stock ≥ 0; at the end
// every hold and every offer lapsed (nobody pays here), Postgres has each of them EXPIRED with
// Sale.soldCount 0, every unit is back in stock, and the offers went out in queue order.
import { afterAll, beforeAll, expect, it } from "vitest";
import { readHoldCounters } from "~/server/inventory/holds";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale } from "~/testing/fixtures";
import { reserveOnce, type Shopper } from "./storm";
import { startWorld, type World } from "./world";

const UNITS = 40;
const SHOPPERS = 200;
const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let world: World;
beforeAll(async () => {
  world = await startWorld();
}, 2 * MINUTE);
afterAll(async () => {
  await world?.close();
});

async function joinWaitlist(saleId: string, shopper: Shopper): Promise<number> {
  const response = await fetch(`${world.app.url}/api/trpc/purchase.joinWaitlist`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: shopper.cookie, "x-forwarded-for": shopper.ip },
    body: JSON.stringify({ json: { saleId } }),
    signal: AbortSignal.timeout(30_000),
  });
  return response.status;
}

it(
  "QStash killed while holds are expiring: every hold and offer still lapses in order, and the books balance throughout",
  async () => {
    const sale = await createArmedSale(world.deps, {
      totalStock: UNITS,
      holdSeconds: 3,
      offerSeconds: 2,
      waitlistEnabled: true,
    });
    const keys = saleKeys(world.namespace, sale.id);
    const shoppers = await world.createShoppers(SHOPPERS);

    const broken: string[] = [];
    const tickets = new Map<string, number>();
    let samples = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const [counters, queue] = await Promise.all([
          readHoldCounters(world.redis, world.namespace, sale.id),
          world.redis.zrange<Array<string | number>>(keys.waitlist, 0, -1, { withScores: true }),
        ]);
        for (let i = 0; i + 1 < queue.length; i += 2) tickets.set(String(queue[i]), Number(queue[i + 1]));
        if (counters) {
          samples += 1;
          const { stock, held, paid, total } = counters;
          if (stock < 0 || stock + held + paid !== total) broken.push(`${stock} + ${held} + ${paid} ≠ ${total}`);
        }
        await sleep(50);
      }
    })();

    // Everyone presses Buy; whoever finds no unit joins the waitlist.
    const answers = await Promise.all(shoppers.map((shopper) => reserveOnce(world.app.url, sale.id, shopper)));
    const losers = shoppers.filter((_, index) => answers[index]!.kind !== "RESERVED");
    const kinds = answers.reduce<Record<string, number>>((tally, answer) => {
      tally[answer.kind] = (tally[answer.kind] ?? 0) + 1;
      return tally;
    }, {});
    expect(losers, `answers: ${JSON.stringify(kinds)}`).toHaveLength(SHOPPERS - UNITS);
    const joined = await Promise.all(losers.map((shopper) => joinWaitlist(sale.id, shopper)));
    expect(joined.every((status) => status === 200)).toBe(true);

    // The first holds fall due; QStash dies just then and stays down for 6 s.
    await sleep(2_500);
    const heldAtKill = world.stack.qstash.stats().pending;
    await world.stack.qstash.kill();
    await sleep(6_000);
    await world.stack.qstash.restart();
    const backAfterRestart = world.stack.qstash.stats().pending;

    // Until every hold and offer has lapsed; the reconcile schedule fires every 5 s (a minute passing).
    const started = Date.now();
    let reconcileRuns = 0;
    for (;;) {
      const counters = await readHoldCounters(world.redis, world.namespace, sale.id);
      if (counters && counters.held === 0 && counters.waiting === 0) break;
      if (Date.now() - started > 90_000) throw new Error(`holds still open: ${JSON.stringify(counters)}`);
      await sleep(500);
      if ((Date.now() - started) % 5_000 < 500) {
        await world.stack.qstash.triggerSchedule(world.scheduleId);
        reconcileRuns += 1;
      }
    }
    // Postgres catches up with the last lapses.
    const deadline = Date.now() + 30_000;
    while ((await world.db.order.count({ where: { saleId: sale.id, status: "EXPIRED" } })) < SHOPPERS) {
      if (Date.now() > deadline) break;
      await sleep(200);
    }
    sampling = false;
    await sampler;

    const orders = await world.db.order.findMany({
      where: { saleId: sale.id },
      select: { userId: true, status: true, holdKind: true, reservedAt: true },
    });
    expect(orders).toHaveLength(SHOPPERS);
    expect(orders.filter((order) => order.status !== "EXPIRED")).toEqual([]);
    expect((await world.db.sale.findUniqueOrThrow({ where: { id: sale.id } })).soldCount).toBe(0);
    expect(await readHoldCounters(world.redis, world.namespace, sale.id)).toMatchObject({
      stock: UNITS,
      held: 0,
      paid: 0,
      expired: SHOPPERS,
      waiting: 0,
    });
    const ticketOf = (userId: string) => tickets.get(userId) ?? Number.POSITIVE_INFINITY;
    const offers = orders
      .filter((order) => order.holdKind === "OFFER")
      .sort((a, b) => a.reservedAt.getTime() - b.reservedAt.getTime() || ticketOf(a.userId) - ticketOf(b.userId));
    const queue = [...tickets.entries()].sort((a, b) => a[1] - b[1]).map(([userId]) => userId);
    expect(offers.map((offer) => offer.userId)).toEqual(queue);
    expect(broken).toEqual([]);
    console.log(
      `[checkout-qstash-killed-6s] ${SHOPPERS} shoppers / ${UNITS} units, nobody pays: ${UNITS} holds and ` +
        `${offers.length} offers lapsed; ${heldAtKill} messages held at the kill, ${backAfterRestart} back after ` +
        `the restart; all lapsed ${((Date.now() - started) / 1000).toFixed(1)} s after QStash came back ` +
        `(reconcile schedule fired ×${reconcileRuns}); books balanced in ${samples} samples`,
    );
  },
  3 * MINUTE,
);
