// When things fail: the database during delivery, QStash at publish time, Redis losing its data.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/server/db";
import { rearmSale } from "~/server/inventory/arm-sale";
import { saleKeyList, saleKeys } from "~/server/inventory/keys";
import { reserveUnit } from "~/server/inventory/reserve-unit";
import { createQStashClient } from "~/server/qstash";
import { QSTASH_PATHS } from "./qstash-destinations";
import { createArmedSale, createUsers, eventually, sessionFor } from "~/testing/fixtures";
import { createHarness, type Harness } from "~/testing/harness";
import { signLikeQStash } from "~/testing/sign-qstash";

const unreachableDb = createPrismaClient("postgresql://postgres:postgres@127.0.0.1:1/nowhere");
const harnesses: Harness[] = [];
async function harness(options?: Parameters<typeof createHarness>[0]) {
  const h = await createHarness(options);
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});
afterAll(async () => {
  await unreachableDb.$disconnect();
});

describe("recovery", () => {
  it("a database failure on delivery attempts 1–2 is persisted on attempt 3", async () => {
    const attempts: number[] = [];
    const h = await harness({
      orderDatabase: (attempt) => {
        attempts.push(attempt);
        return attempt <= 2 ? unreachableDb : h.db;
      },
    });
    const [user] = await createUsers(h.db, 1);
    const sale = await createArmedSale(h.deps);
    const reserved = await h.caller(sessionFor(user!)).purchase.reserve({ saleId: sale.id });

    await eventually(
      async () => (await h.db.order.count({ where: { saleId: sale.id } })) === 1,
      "the order after retries",
    );
    expect(attempts).toEqual([1, 2, 3]);
    expect(h.events.filter((e) => e.event === "order.persist_failed").map((e) => e.fields.attempt)).toEqual([0, 1]);
    const order = await h.db.order.findUniqueOrThrow({ where: { reservationId: reserved.reservationId } });
    expect(order.userId).toBe(user!.id);
  });

  it("QStash down at publish: the shopper keeps the unit and the reconciler persists it", async () => {
    const h = await harness();
    const [user, other] = await createUsers(h.db, 2);
    const sale = await createArmedSale(h.deps, { totalStock: 1 });
    const deadQStash = createQStashClient("http://127.0.0.1:1", "token");
    const outcome = await h
      .servicesWith({ qstash: deadQStash })
      .purchase.reserve({ saleId: sale.id, userId: user!.id, clientIp: null });
    expect(outcome).toMatchObject({ ok: true, status: "RESERVED" });
    // The publish failed, and it was said: the order was not queued.
    const failures = h.events.filter((e) => e.event === "purchase.publish_failed");
    expect(failures.map((e) => e.fields.reservationId)).toEqual([outcome.ok ? outcome.reservationId : "none"]);
    // Nobody else can take the unit meanwhile, and the shopper still holds it.
    await expect(h.caller(sessionFor(other!)).purchase.reserve({ saleId: sale.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await h.caller(sessionFor(user!)).order.status({ saleId: sale.id })).toMatchObject({ state: "HELD" });

    // Younger than the cut-off: left alone for QStash.
    expect((await h.services.orders.reconcileSale(sale.id, { olderThanMs: 60_000 })).persistedNow).toBe(0);
    const ledger = await h.services.orders.reconcileSale(sale.id, { olderThanMs: 0 });
    expect(ledger).toMatchObject({
      persistedNow: 1,
      persisted: 1,
      pending: 0,
      buyers: 1,
      stockLeft: 0,
      total: 1,
      problems: [],
    });
    expect(await h.caller(sessionFor(user!)).order.status({ saleId: sale.id })).toMatchObject({ state: "HELD" });
  });

  it("the signed reconcile endpoint persists stale reservations and reports balanced books", async () => {
    const h = await harness();
    const [user] = await createUsers(h.db, 1);
    const sale = await createArmedSale(h.deps);
    await reserveUnit(h.redis, { namespace: h.namespace, saleId: sale.id, userId: user!.id });
    const body = JSON.stringify({ olderThanSeconds: 0 });
    const url = `${h.publicUrl}${QSTASH_PATHS.reconcile}`;
    const unsigned = await fetch(url, { method: "POST", body });
    expect(unsigned.status).toBe(401);
    const response = await fetch(url, {
      method: "POST",
      headers: { "upstash-signature": signLikeQStash({ key: h.stack.QSTASH_CURRENT_SIGNING_KEY, url, body }) },
      body,
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as { ok: boolean; ledgers: Array<{ saleId: string; persistedNow: number }> };
    expect(report.ledgers.find((ledger) => ledger.saleId === sale.id)?.persistedNow).toBe(1);
    expect(await h.db.order.count({ where: { saleId: sale.id } })).toBe(1);
  });

  it("the reconciler reports a broken invariant", async () => {
    const h = await harness();
    const sale = await createArmedSale(h.deps, { totalStock: 5 });
    await h.redis.hset(saleKeys(h.namespace, sale.id).sale, { stock: "-1" });
    const ledger = await h.services.orders.reconcileSale(sale.id, { olderThanMs: 0 });
    expect(ledger.problems.join("\n")).toMatch(/stock is negative/);
    expect(ledger.problems.join("\n")).toMatch(/total 5 ≠ stock left -1 \+ units held or paid 0/);
  });

  it("Redis wiped: the sale answers RESUMING, re-arms itself to stock = total − orders and the buyers", async () => {
    const h = await harness();
    const users = await createUsers(h.db, 5);
    const sale = await createArmedSale(h.deps, { totalStock: 10 });
    for (const user of users.slice(0, 3)) await h.caller(sessionFor(user)).purchase.reserve({ saleId: sale.id });
    await eventually(async () => (await h.db.order.count({ where: { saleId: sale.id } })) === 3, "3 orders");

    await h.redis.del(...saleKeyList(saleKeys(h.namespace, sale.id)));
    // Never a 404 for a sale that exists: it is resuming, and says when to try again.
    await expect(h.caller(sessionFor(users[3]!)).purchase.reserve({ saleId: sale.id })).rejects.toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      cause: { reason: "RESUMING", retryAfterSeconds: 3 },
    });
    // The sale re-armed itself, without a command: stock = total − orders, the buyers known again.
    await h.services.resumer.settled();
    expect(Number(await h.redis.hget(saleKeys(h.namespace, sale.id).sale, "stock"))).toBe(7);
    expect(h.events.some((e) => e.event === "sale.resumed" && e.fields.saleId === sale.id)).toBe(true);
    // A manual rearm on top changes nothing.
    expect(await rearmSale(h.deps, sale.id)).toEqual({ stockLeft: 7, buyers: 3, overflow: 0 });
    // A previous buyer is still recognised; a new one can buy.
    await expect(h.caller(sessionFor(users[0]!)).purchase.reserve({ saleId: sale.id })).resolves.toMatchObject({
      status: "ALREADY_RESERVED",
    });
    await expect(h.caller(sessionFor(users[4]!)).purchase.reserve({ saleId: sale.id })).resolves.toMatchObject({
      status: "RESERVED",
    });
    expect(Number(await h.redis.hget(saleKeys(h.namespace, sale.id).sale, "stock"))).toBe(6);
  });

  it("rearming a live sale keeps reservations not yet persisted", async () => {
    const h = await harness();
    const [user] = await createUsers(h.db, 1);
    const sale = await createArmedSale(h.deps, { totalStock: 4 });
    await reserveUnit(h.redis, { namespace: h.namespace, saleId: sale.id, userId: user!.id });
    expect(await rearmSale(h.deps, sale.id)).toEqual({ stockLeft: 3, buyers: 1, overflow: 0 });
  });

  it("the failure callback records what QStash gave up on", async () => {
    const h = await harness();
    const message = {
      v: 1,
      saleId: "sale_x",
      userId: "user_x",
      reservationId: `rsv_${"a".repeat(32)}`,
      reservedAt: Date.now(),
    };
    const body = JSON.stringify({
      status: 503,
      retried: 5,
      maxRetries: 5,
      sourceMessageId: "msg_123",
      dlqId: "dlq_123",
      sourceBody: Buffer.from(JSON.stringify(message)).toString("base64"),
      body: Buffer.from('{"error":"database down"}').toString("base64"),
    });
    const url = `${h.publicUrl}${QSTASH_PATHS.failures}`;
    const response = await fetch(url, {
      method: "POST",
      headers: { "upstash-signature": signLikeQStash({ key: h.stack.QSTASH_CURRENT_SIGNING_KEY, url, body }) },
      body,
    });
    expect(response.status).toBe(200);
    const entry = await h.db.auditLog.findFirstOrThrow({
      where: { action: "order.delivery_failed", entityId: "sale_x" },
    });
    expect(entry.after).toMatchObject({
      messageId: "msg_123",
      dlqId: "dlq_123",
      status: 503,
      reservationId: message.reservationId,
    });
  });
});
