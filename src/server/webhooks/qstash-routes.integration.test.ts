// The signed order callback: idempotent under redelivery, and refusing anything not from QStash.
import { describe, expect, it } from "vitest";
import { armSaleInRedis } from "~/server/inventory/arm-sale";
import { pendingMember, saleKeys } from "~/server/inventory/keys";
import { QSTASH_PATHS } from "~/server/orders/qstash-destinations";
import { reservedOrderMessage } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import { signLikeQStash } from "~/testing/sign-qstash";
import { createQStashRoutes } from "./qstash-routes";

const ORDER_CALLBACK_PATH = QSTASH_PATHS.orders;

const h = harnessForFile();

const reservedMessage = () => reservedOrderMessage(h.deps);

function deliver(body: string, signature: string | null, headers: Record<string, string> = {}) {
  return fetch(`${h.publicUrl}${ORDER_CALLBACK_PATH}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(signature ? { "upstash-signature": signature } : {}),
      ...headers,
    },
    body,
  });
}

const sign = (body: string, overrides: Partial<Parameters<typeof signLikeQStash>[0]> = {}) =>
  signLikeQStash({
    key: h.stack.QSTASH_CURRENT_SIGNING_KEY,
    url: `${h.publicUrl}${ORDER_CALLBACK_PATH}`,
    body,
    ...overrides,
  });

describe("order callback", () => {
  it("the same message delivered three times, then three times at once, makes one row; every delivery is 2xx", async () => {
    const message = await reservedMessage();
    const body = JSON.stringify(message);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await deliver(body, sign(body))).status);
    const concurrent = await Promise.all(Array.from({ length: 3 }, () => deliver(body, sign(body))));
    statuses.push(...concurrent.map((response) => response.status));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await h.db.order.count({ where: { saleId: message.saleId } })).toBe(1);
    const order = await h.db.order.findUniqueOrThrow({ where: { reservationId: message.reservationId } });
    expect(order).toMatchObject({ userId: message.userId, status: "HELD", priceMinor: 4_999, currency: "USD" });
    // The journal entry is done.
    const pending = await h.redis.zscore(
      saleKeys(h.namespace, message.saleId).pending,
      pendingMember(message.userId, message.reservationId),
    );
    expect(pending).toBeNull();
  });

  it("a message signed with the next key is accepted (key rotation)", async () => {
    const message = await reservedMessage();
    const body = JSON.stringify(message);
    const response = await deliver(body, sign(body, { key: h.stack.QSTASH_NEXT_SIGNING_KEY }));
    expect(response.status).toBe(200);
  });

  it.each([
    ["a forged signature", (body: string) => sign(body, { key: "sig_forgedforgedforgedforged" }), 401],
    [
      "a signature for another URL",
      (body: string) => sign(body, { url: "https://elsewhere.example/api/qstash/orders" }),
      401,
    ],
    ["an expired signature", (body: string) => sign(body, { issuedAt: -900, expiresIn: 300 }), 401],
    ["a signature from another issuer", (body: string) => sign(body, { issuer: "Mallory" }), 401],
    ["no signature header", () => null, 401],
  ])("refuses %s and writes nothing", async (_label, signatureFor, status) => {
    const message = await reservedMessage();
    const body = JSON.stringify(message);
    const response = await deliver(body, signatureFor(body));
    expect(response.status).toBe(status);
    expect(await h.db.order.count({ where: { saleId: message.saleId } })).toBe(0);
  });

  it("refuses a tampered body (signature over the original bytes)", async () => {
    const message = await reservedMessage();
    const original = JSON.stringify(message);
    const tampered = JSON.stringify({ ...message, userId: "someone-else" });
    const response = await deliver(tampered, sign(original));
    expect(response.status).toBe(401);
    expect(await h.db.order.count({ where: { saleId: message.saleId } })).toBe(0);
  });

  it("answers 489 non-retryable for a body that can never succeed", async () => {
    for (const body of ["not json", JSON.stringify({ v: 1, saleId: "x" })]) {
      const response = await deliver(body, sign(body));
      expect(response.status).toBe(489);
      expect(response.headers.get("upstash-nonretryable-error")).toBe("true");
      expect(((await response.json()) as { error: string }).error).toMatch(/JSON|Invalid message/);
    }
    const unknownSale = JSON.stringify({ ...(await reservedMessage()), saleId: "no-such-sale" });
    const response = await deliver(unknownSale, sign(unknownSale));
    expect(response.status).toBe(489);
  });
});

describe("order callback after Redis lost the sale", () => {
  it("a delivery whose journal entry vanished with Redis is persisted, not taken for done", async () => {
    const message = await reservedMessage();
    // Redis loses the sale and it is re-armed from Postgres, which never saw this reservation.
    await h.redis.del(...Object.values(saleKeys(h.namespace, message.saleId)));
    const sale = await h.db.sale.findUniqueOrThrow({ where: { id: message.saleId } });
    await armSaleInRedis(h.redis, h.namespace, sale, []);

    const body = JSON.stringify(message);
    const response = await deliver(body, sign(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "CREATED" });
    expect(await h.db.order.count({ where: { reservationId: message.reservationId } })).toBe(1);
  });
});

describe("QStash routes without a public URL", () => {
  it("refuse to verify (503, retried later) rather than skip the URL check, and write nothing", async () => {
    const routes = createQStashRoutes(h.services, h.receiver, () => undefined);
    const message = await reservedMessage();
    const body = JSON.stringify(message);
    const response = await routes.orders(
      new Request("http://local/api/qstash/orders", {
        method: "POST",
        headers: { "upstash-signature": sign(body, { url: "https://anywhere.example/api/qstash/orders" }) },
        body,
      }),
    );
    expect(response.status).toBe(503);
    expect(await h.db.order.count({ where: { reservationId: message.reservationId } })).toBe(0);
  });
});
