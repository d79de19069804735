// Vercel Deployment Protection, stood in for by a gate that answers 401 unless the automation
// bypass header matches (what Vercel does on a protected preview), in front of the real order
// callback. With VERCEL_AUTOMATION_BYPASS_SECRET configured, deliveries from the local QStash get
// through; without it they are turned away until the message lands in the DLQ.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deployment } from "~/server/deployment";
import { pendingMember, saleKeys } from "~/server/inventory/keys";
import type { OrderMessage } from "~/server/orders/order-message";
import { orderPublishTarget, QSTASH_PATHS, type OrderPublishTarget } from "~/server/orders/qstash-destinations";
import { createQStashRoutes } from "~/server/webhooks/qstash-routes";
import type { RouteHandler } from "~/server/webhooks/signed-qstash-route";
import { eventually, reservedOrderMessage } from "~/testing/fixtures";
import { createHarness, type Harness } from "~/testing/harness";
import { serveRoutes, type ServedRoutes } from "~/testing/serve-routes";
import { publishOrderMessage } from "./publish-order";

const ORDER_CALLBACK_PATH = QSTASH_PATHS.orders;
const FAILURE_CALLBACK_PATH = QSTASH_PATHS.failures;

// Configured before ~/env is first imported, exactly as Vercel sets it on a protected deployment.
const secret = vi.hoisted(() => {
  const value = `bypass-${Math.random().toString(36).slice(2)}`;
  process.env.VERCEL_AUTOMATION_BYPASS_SECRET = value;
  return value;
});

interface GateRecord {
  presented: string | null;
  status: number;
}

/** Vercel's answer to a request without the right bypass header on a protected deployment. */
function protectedPreview(handler: RouteHandler, seen: GateRecord[]): RouteHandler {
  return async (request) => {
    const presented = request.headers.get("x-vercel-protection-bypass");
    const response =
      presented === secret ? await handler(request) : new Response("Authentication Required", { status: 401 });
    seen.push({ presented, status: response.status });
    return response;
  };
}

let h: Harness;
let preview: ServedRoutes;
const gate: GateRecord[] = [];
const failureGate: GateRecord[] = [];
const ORDERS_DOWN_PATH = "/api/qstash/orders-down";

beforeAll(async () => {
  h = await createHarness();
  const routes = createQStashRoutes(h.services, h.receiver, () => preview.url);
  preview = await serveRoutes({
    [ORDER_CALLBACK_PATH]: protectedPreview(routes.orders, gate),
    // An order callback that is down for good, so QStash gives up and calls the failure callback.
    [ORDERS_DOWN_PATH]: protectedPreview(() => Promise.resolve(new Response("down", { status: 503 })), gate),
    [FAILURE_CALLBACK_PATH]: protectedPreview(routes.failures, failureGate),
  });
});
afterAll(async () => {
  delete process.env.VERCEL_AUTOMATION_BYPASS_SECRET;
  await preview.close();
  await h.close();
});

const reservedMessage = () => reservedOrderMessage(h.deps);

const stillPending = async (message: OrderMessage) =>
  (await h.redis.zscore(
    saleKeys(h.namespace, message.saleId).pending,
    pendingMember(message.userId, message.reservationId),
  )) !== null;

describe("Deployment Protection bypass", () => {
  it("the configured secret travels on every order delivery, and the protected callback persists the order", async () => {
    const target = orderPublishTarget({ ...deployment, namespace: h.namespace, publicUrl: preview.url });
    expect(target.protectionBypassSecret).toBe(secret);
    const message = await reservedMessage();
    const seenBefore = gate.length;

    await publishOrderMessage(h.qstash, target, message);
    // The gate records a delivery once the callback has answered, just after the order is written.
    await eventually(
      async () => gate.length > seenBefore && (await h.db.order.count({ where: { saleId: message.saleId } })) === 1,
      "the order in Postgres and the delivery answered",
    );

    expect(gate.slice(seenBefore)).toEqual([{ presented: secret, status: 200 }]);
    expect(await stillPending(message)).toBe(false);
  });

  it("without the secret every attempt is turned away, nothing is written, and the message ends in the DLQ", async () => {
    const target: OrderPublishTarget = {
      namespace: h.namespace,
      orderCallbackUrl: `${preview.url}${ORDER_CALLBACK_PATH}`,
      failureCallbackUrl: `${preview.url}${FAILURE_CALLBACK_PATH}`,
      holdExpiryUrl: `${preview.url}/api/qstash/holds`,
    };
    const message = await reservedMessage();
    const seenBefore = gate.length;

    const { messageId } = await publishOrderMessage(h.qstash, target, message);
    await eventually(async () => {
      const { messages } = await h.qstash.dlq.listMessages({ filter: { messageId } });
      return messages.length === 1;
    }, "the message in the DLQ");

    const attempts = gate.slice(seenBefore);
    expect(attempts).toHaveLength(6); // the first delivery and 5 retries
    expect(attempts.every((attempt) => attempt.presented === null && attempt.status === 401)).toBe(true);
    const [entry] = (await h.qstash.dlq.listMessages({ filter: { messageId } })).messages;
    expect(entry?.responseStatus).toBe(401);
    expect(await h.db.order.count({ where: { saleId: message.saleId } })).toBe(0);
    // The unit is still the shopper's: the journal keeps it for the reconciler.
    expect(await stillPending(message)).toBe(true);
  }, 30_000);

  it("the failure callback carries the secret too, so a dead-lettered order is recorded on a protected preview", async () => {
    const message = await reservedMessage();
    const target: OrderPublishTarget = {
      ...orderPublishTarget({ ...deployment, namespace: h.namespace, publicUrl: preview.url }),
      orderCallbackUrl: `${preview.url}${ORDERS_DOWN_PATH}`,
    };
    await publishOrderMessage(h.qstash, target, message);
    const entry = await eventually(
      async () =>
        (await h.db.auditLog.count({ where: { action: "order.delivery_failed", entityId: message.saleId } })) === 1,
      "the failure recorded in AuditLog",
      20_000,
    ).then(() => h.db.auditLog.findFirstOrThrow({ where: { entityId: message.saleId } }));
    expect(entry.after).toMatchObject({ reservationId: message.reservationId, status: 503 });
    expect(failureGate.at(-1)).toEqual({ presented: secret, status: 200 });
  }, 30_000);
});
