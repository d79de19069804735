// Two previews sharing one Upstash Redis and one QStash account, selling the same sale id (a
// seeded sale has the same id in every preview's database): each sees only its own stock and
// buyers, and their QStash deduplication ids never collide.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { armSaleInRedis } from "~/server/inventory/arm-sale";
import { saleKeys } from "~/server/inventory/keys";
import { orderDeduplicationId, type OrderMessage } from "~/server/orders/order-message";
import { orderPublishTarget, QSTASH_PATHS } from "~/server/orders/qstash-destinations";
import { publishOrderMessage } from "~/server/purchase/publish-order";
import type { Services } from "~/server/services";
import { createArmedSale, createUsers, eventually } from "~/testing/fixtures";
import { createHarness, type Harness } from "~/testing/harness";
import { serveRoutes, type ServedRoutes } from "~/testing/serve-routes";

interface Preview {
  namespace: string;
  routes: ServedRoutes;
  delivered: OrderMessage[];
  services: Services;
}

let h: Harness;
const previews: Preview[] = [];

/** A preview deployment's order callback, reduced to recording what QStash delivers to it. */
async function startPreview(name: string): Promise<Preview> {
  const delivered: OrderMessage[] = [];
  const routes = await serveRoutes({
    [QSTASH_PATHS.orders]: async (request) => {
      delivered.push((await request.json()) as OrderMessage);
      return Response.json({ ok: true });
    },
  });
  const namespace = `${h.namespace}-preview-${name}`;
  // Each preview builds its services from the same clients, as two deployments would.
  const services = h.servicesWith({ deployment: { namespace, publicUrl: routes.url } });
  const preview = { namespace, routes, delivered, services };
  previews.push(preview);
  return preview;
}

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  for (const preview of previews) await preview.routes.close();
  await h.close();
});

describe("two previews on one Redis and one QStash", () => {
  it("never see each other's stock or buyers for the same sale id", async () => {
    const [a, b] = [await startPreview("a"), await startPreview("b")];
    const sale = await createArmedSale({ ...h.deps, namespace: a.namespace }, { totalStock: 2 });
    await armSaleInRedis(h.redis, b.namespace, sale, []);
    const [alice, bob, carol] = await createUsers(h.db, 3);
    const reserve = (preview: Preview, userId: string) =>
      preview.services.purchase.reserve({ saleId: sale.id, userId, clientIp: null });

    const inA = [await reserve(a, alice!.id), await reserve(a, bob!.id), await reserve(a, carol!.id)];
    expect(inA.map((outcome) => (outcome.ok ? outcome.status : outcome.reason))).toEqual([
      "RESERVED",
      "RESERVED",
      "SOLD_OUT",
    ]);

    // Preview A sold out; preview B still has both units, and Alice buys there as a new shopper.
    const inB = [await reserve(b, alice!.id), await reserve(b, carol!.id)];
    expect(inB.map((outcome) => (outcome.ok ? outcome.status : outcome.reason))).toEqual(["RESERVED", "RESERVED"]);
    const aliceInA = inA[0]!.ok ? inA[0]!.reservationId : "";
    const aliceInB = inB[0]!.ok ? inB[0]!.reservationId : "";
    expect(aliceInB).not.toBe(aliceInA);

    const keysA = saleKeys(a.namespace, sale.id);
    const keysB = saleKeys(b.namespace, sale.id);
    expect(keysA.sale).not.toBe(keysB.sale);
    expect(Object.keys((await h.redis.hgetall(keysA.buyers)) ?? {}).sort()).toEqual([alice!.id, bob!.id].sort());
    expect(Object.keys((await h.redis.hgetall(keysB.buyers)) ?? {}).sort()).toEqual([alice!.id, carol!.id].sort());
    expect(Number(await h.redis.hget(keysA.sale, "stock"))).toBe(0);
    expect(Number(await h.redis.hget(keysB.sale, "stock"))).toBe(0);

    // Each preview's callback receives its own orders only, Alice's in both (not deduplicated across previews).
    await eventually(
      async () => a.delivered.length === 2 && b.delivered.length === 2,
      "both previews' orders delivered",
    );
    expect(a.delivered.map((m) => m.userId).sort()).toEqual([alice!.id, bob!.id].sort());
    expect(b.delivered.map((m) => m.userId).sort()).toEqual([alice!.id, carol!.id].sort());
    expect(a.delivered.find((m) => m.userId === alice!.id)?.reservationId).toBe(aliceInA);
    expect(b.delivered.find((m) => m.userId === alice!.id)?.reservationId).toBe(aliceInB);
  });

  it("deduplicate within a preview, never across previews", async () => {
    const [a, b] = [await startPreview("c"), await startPreview("d")];
    const [dave] = await createUsers(h.db, 1);
    const saleId = `seeded-sale-${Date.now()}`;
    expect(orderDeduplicationId(a.namespace, saleId, dave!.id)).not.toBe(
      orderDeduplicationId(b.namespace, saleId, dave!.id),
    );

    const message: OrderMessage = {
      v: 1,
      saleId,
      userId: dave!.id,
      reservationId: `rsv_${"0".repeat(31)}1`,
      reservedAt: Date.now(),
    };
    const publish = (preview: Preview) =>
      publishOrderMessage(
        h.qstash,
        orderPublishTarget({ namespace: preview.namespace, publicUrl: preview.routes.url }),
        message,
      );
    const first = await publish(a);
    const again = await publish(a);
    const other = await publish(b);
    expect(again.messageId).toBe(first.messageId);
    expect(other.messageId).not.toBe(first.messageId);
    await eventually(async () => a.delivered.length === 1 && b.delivered.length === 1, "one delivery per preview");
  });
});
