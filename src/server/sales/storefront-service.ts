// What the storefront shows, as one service: the list of sales and one sale's page, each with the
// live figures (stock, state, window) Redis holds for it and how it opens, so pages read everything
// through tRPC; and a fair draw's public record.
import type { Redis } from "@upstash/redis";
import type { LiveSale } from "~/lib/buy-flow/live-sale";
import { storefrontPhase } from "~/lib/sale";
import type { DatabaseClient } from "~/server/db";
import { readDrawRecord } from "~/server/fair-draw/report/draw-record";
import { readLiveSale } from "~/server/inventory/read-live-sale";
import type { Logger } from "~/server/logger";
import { findNextDrop, findStorefrontSale, listStorefrontSales } from "./list-sales";

export function createStorefrontService(deps: { db: DatabaseClient; redis: Redis; namespace: string; logger: Logger }) {
  /**
   * Live figures are a nice-to-have beside the stored sale: when Redis fails, a sale comes without
   * them (the page shows its total stock and the poll catches up) rather than failing the page.
   */
  async function readLiveSales(saleIds: string[]): Promise<Array<LiveSale | null>> {
    const reads = await Promise.allSettled(saleIds.map((saleId) => readLiveSale(deps.redis, deps.namespace, saleId)));
    const failures = reads.filter((read): read is PromiseRejectedResult => read.status === "rejected");
    if (failures[0]) {
      const reason: unknown = failures[0].reason;
      deps.logger.warn("sale.live_read_failed", {
        failed: failures.length,
        message: reason instanceof Error ? reason.message : String(reason),
      });
    }
    return reads.map((read) => (read.status === "fulfilled" ? read.value : null));
  }

  return {
    async list() {
      const sales = await listStorefrontSales(deps.db);
      const live = await readLiveSales(sales.map((sale) => sale.id));
      return sales.map((sale, index) => ({ ...sale, live: live[index] ?? null }));
    },

    /**
     * One sale's page, or null when there is none to show; with the next drop after it, where a
     * shopper who missed this one is pointed.
     */
    async bySlug(slug: string) {
      const sale = await findStorefrontSale(deps.db, slug);
      if (!sale) return null;
      const [[live], nextDrop] = await Promise.all([readLiveSales([sale.id]), findNextDrop(deps.db, sale.id)]);
      return { ...sale, phase: storefrontPhase(sale), live: live ?? null, nextDrop, serverNow: new Date() };
    },

    /** A fair draw's public record (no account, email or address; the seed only after the end). */
    drawRecord: (slug: string) => readDrawRecord(deps, slug),
  };
}
