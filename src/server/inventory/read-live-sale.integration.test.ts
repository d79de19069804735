import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArmedSale, createUsers, sessionFor, uniqueId } from "~/testing/fixtures";
import { createHarness, type Harness } from "~/testing/harness";
import { readLiveSale } from "./read-live-sale";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

describe("readLiveSale", () => {
  it("reads stock, state and window in one go, and follows a reservation", async () => {
    const sale = await createArmedSale(harness.deps, { totalStock: 3 });
    const before = await readLiveSale(harness.redis, harness.namespace, sale.id, 0);
    expect(before).toMatchObject({
      saleId: sale.id,
      stockLeft: 3,
      total: 3,
      state: "PUBLISHED",
      startsAt: sale.startsAt.getTime(),
      endsAt: sale.endsAt.getTime(),
    });

    const [user] = await createUsers(harness.db, 1);
    await harness.caller(sessionFor(user!)).purchase.reserve({ saleId: sale.id });
    // A later "now" is past the cache window, so this is a fresh read.
    const after = await readLiveSale(harness.redis, harness.namespace, sale.id, Date.now() + 10_000);
    expect(after?.stockLeft).toBe(2);
    expect(after!.readAt).toBeGreaterThanOrEqual(before!.readAt);
  });

  it("reports a paused sale as paused", async () => {
    const sale = await createArmedSale(harness.deps, { state: "PAUSED" });
    expect((await readLiveSale(harness.redis, harness.namespace, sale.id))?.state).toBe("PAUSED");
  });

  it("knows nothing of unknown sales or drafts", async () => {
    expect(await readLiveSale(harness.redis, harness.namespace, uniqueId("missing"))).toBeNull();
    const draft = await createArmedSale(harness.deps, { state: "DRAFT" });
    expect(await readLiveSale(harness.redis, harness.namespace, draft.id)).toBeNull();
  });

  it("answers a burst of polls from one Redis read", async () => {
    const sale = await createArmedSale(harness.deps);
    const now = Date.now() + 60_000;
    const first = readLiveSale(harness.redis, harness.namespace, sale.id, now);
    expect(readLiveSale(harness.redis, harness.namespace, sale.id, now + 100)).toBe(first);
    expect(readLiveSale(harness.redis, harness.namespace, sale.id, now + 600)).not.toBe(first);
    await first;
  });
});

describe("sale.serverTime", () => {
  it("answers the server's clock", async () => {
    const before = Date.now();
    const { now } = await harness.caller(null).sale.serverTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
