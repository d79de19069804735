// Redis memory per sale stays bounded: ten sales of 5,000 buyers each are reserved and drained to
// Postgres; afterwards no journal entry is left, nothing grows per attempt, and each sale holds
// only its hash, its buyers (what a re-arm and the one-per-shopper rule need), the index of its
// unpaid holds by expiry and its entrants (one record per shopper, for the fairness report), plus
// its metrics: one totals hash and one bucket per minute that saw events, which expires.
// Books checked per sale: 5,000 holds in Postgres, soldCount 5,000, stock 0, journal empty.
import { describe, expect, it } from "vitest";
import { saleKeys } from "~/server/inventory/keys";
import { reserveUnit } from "~/server/inventory/reserve-unit";
import { createArmedSale, createUsers } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import { readJournal } from "~/server/inventory/journal";
import { GROUP_COMMIT_LIMIT, persistBatch } from "./deliveries";

const h = harnessForFile();
const SALES = 10;
const BUYERS = 5_000;

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

async function bytesOf(keys: string[]): Promise<number> {
  const sizes = await Promise.all(
    keys.map((key) => h.redis.eval("return redis.call('MEMORY', 'USAGE', KEYS[1])", [key], [])),
  );
  return sizes.reduce<number>((sum, size) => sum + Number(size ?? 0), 0);
}

describe("the journal after ten sales of 5,000 buyers", () => {
  it("is empty once drained, and a sale's Redis footprint is its buyers, nothing per attempt", async () => {
    const users = await createUsers(h.db, BUYERS);
    const report: string[] = [];
    for (let sale = 0; sale < SALES; sale += 1) {
      const { id } = await createArmedSale(h.deps, { totalStock: BUYERS });
      const keys = saleKeys(h.namespace, id);
      await inBatches(users, 250, (user) =>
        reserveUnit(h.redis, { namespace: h.namespace, saleId: id, userId: user.id }),
      );
      const journalBefore = await bytesOf([keys.pending]);

      // Drain as deliveries do: batches of the oldest pending reservations.
      for (;;) {
        const batch = await readJournal(h.redis, h.namespace, id, { limit: GROUP_COMMIT_LIMIT });
        if (batch.length === 0) break;
        await persistBatch({ ...h.deps, logger: h.services.logger, revokedUsers: h.services.revokedUsers }, id, batch);
      }

      expect(await h.redis.zcard(keys.pending)).toBe(0);
      expect(await h.redis.exists(keys.pending)).toBe(0);
      expect(await h.db.order.count({ where: { saleId: id, status: "HELD" } })).toBe(BUYERS);
      expect((await h.db.sale.findUniqueOrThrow({ where: { id } })).soldCount).toBe(BUYERS);
      expect(Number(await h.redis.hget(keys.sale, "stock"))).toBe(0);
      const after = await bytesOf([keys.sale, keys.buyers, keys.holds, keys.pending, keys.entrants]);
      report.push(`sale ${sale + 1}: journal ${journalBefore} B before the drain, 0 B after; sale total ${after} B`);
      // Nothing but the sale hash, and per shopper one buyers entry, one hold entry while unpaid and
      // one entrant record (about 90 bytes of it): under 420 bytes a buyer.
      expect(after).toBeLessThan(BUYERS * 420);
    }
    // The namespace holds 4 keys per sale (hash, buyers, holds, entrants), never one per attempt;
    // and per sale its metrics totals plus a bucket per minute the storm touched, each set to expire.
    const saleKeysLeft = await h.redis.keys(`${h.namespace}:sale:*`);
    const isMetrics = (key: string) => /:metrics(:\d+)?$/.test(key);
    expect(saleKeysLeft.filter((key) => !isMetrics(key))).toHaveLength(SALES * 4);
    const totals = saleKeysLeft.filter((key) => key.endsWith(":metrics"));
    const buckets = saleKeysLeft.filter((key) => /:metrics:\d+$/.test(key));
    expect(totals).toHaveLength(SALES);
    expect(buckets.length).toBeGreaterThanOrEqual(SALES);
    expect(buckets.length).toBeLessThanOrEqual(SALES * 4);
    for (const bucket of buckets) {
      const ttl = await h.redis.ttl(bucket);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(7_200);
    }
    report.push(
      `metrics: ${await bytesOf([...totals, ...buckets])} B for ${SALES} sales (${buckets.length} minute buckets)`,
    );
    console.info(report.join("\n"));
  }, 180_000);
});
