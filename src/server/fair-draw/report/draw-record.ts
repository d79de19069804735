// The public record of a fair draw (GET /api/sales/<slug>/draw): enough for anyone to check the
// draw without trusting us, and nothing about who the entrants are. Before the sale has ended:
// the commitment, how many entered and when the draw ran. After: the seed, every entry token in
// drawn order and the tokens the draw gave holds to, so sha256(seed) = commitment and sorting the
// tokens by sha1(seed|token) can be checked by hand. No account ids, emails or addresses, ever.
import type { Redis } from "@upstash/redis";
import { STOREFRONT_STATES, saleHasEnded } from "~/lib/sale";
import type { DatabaseClient } from "~/server/db";
import { entryTokenOf } from "~/server/fair-draw/draw-order";
import { readSaleEntrants } from "~/server/inventory/entrants";
import { saleKeys } from "~/server/inventory/keys";

/** The rule, in words, as docs/fair-opening.md states it. */
export const DRAW_RULE = {
  commitment: "commitment = sha256(seed), lowercase hex, published before anyone entered",
  entryToken: 'entryToken = sha1(commitment + "|" + userId), lowercase hex: names an entrant, not the account',
  order: 'entrants sorted ascending by sha1(seed + "|" + entryToken), lowercase hex; position 1 first',
  winners: "the first entrants in that order, one per unit free at the draw, were given holds",
} as const;

export interface DrawRecord {
  sale: { slug: string; title: string };
  rule: typeof DRAW_RULE;
  commitment: string;
  /** The sale's start: when the draw runs. */
  drawAt: Date;
  /** When it ran; null until then. */
  drawnAt: Date | null;
  /** In the lobby now (before the draw), or drawn (after it). */
  entrants: number;
  ended: boolean;
  /** The rest only once the sale has ended. */
  seed?: string;
  /** Entry tokens in drawn order. */
  order?: string[];
  /** Entry tokens given a hold by the draw, in drawn order. */
  winners?: string[];
  /** Every drawn entrant is in `order` (false while the draw's record is still being written). */
  complete?: boolean;
}

export type DrawRecordResult = { ok: true; record: DrawRecord } | { ok: false; reason: "NOT_FOUND" | "NOT_A_DRAW" };

type Deps = { db: DatabaseClient; redis: Redis; namespace: string };

/** The drawn order: from Postgres once the draw is filed, from Redis until then. */
async function drawnOrder(deps: Deps, saleId: string, commitment: string) {
  const filed = await deps.db.saleEntrant.findMany({
    where: { saleId, drawPosition: { not: null } },
    select: { userId: true, entryToken: true },
    orderBy: { drawPosition: "asc" },
  });
  if (filed.length > 0) return filed;
  const live = await readSaleEntrants(deps.redis, deps.namespace, saleId);
  return live.entrants
    .filter((entrant): entrant is typeof entrant & { drawPosition: number } => entrant.drawPosition !== null)
    .sort((a, b) => a.drawPosition - b.drawPosition)
    .map((entrant) => ({ userId: entrant.userId, entryToken: entryTokenOf(commitment, entrant.userId) }));
}

export async function readDrawRecord(deps: Deps, slug: string, now = new Date()): Promise<DrawRecordResult> {
  const sale = await deps.db.sale.findFirst({
    where: { slug, state: { in: [...STOREFRONT_STATES] } },
    select: {
      id: true,
      slug: true,
      title: true,
      state: true,
      startsAt: true,
      endsAt: true,
      openingMode: true,
      drawSeed: true,
      drawCommitment: true,
      drawnAt: true,
      drawEntrants: true,
    },
  });
  if (!sale) return { ok: false, reason: "NOT_FOUND" };
  if (sale.openingMode !== "FAIR_DRAW" || !sale.drawCommitment || !sale.drawSeed) {
    return { ok: false, reason: "NOT_A_DRAW" };
  }
  const keys = saleKeys(deps.namespace, sale.id);
  const [hot, lobbySize] = await Promise.all([
    deps.redis.hmget<Record<string, string | number | null>>(keys.sale, "drawnAt", "drawEntrants"),
    deps.redis.zcard(keys.lobby),
  ]);
  const hotDrawnAt = hot?.drawnAt == null || hot.drawnAt === "" ? null : new Date(Number(hot.drawnAt));
  const drawnAt = sale.drawnAt ?? hotDrawnAt;
  const entrants = sale.drawEntrants ?? (hotDrawnAt ? Number(hot?.drawEntrants ?? lobbySize) : lobbySize);
  const record: DrawRecord = {
    sale: { slug: sale.slug, title: sale.title },
    rule: DRAW_RULE,
    commitment: sale.drawCommitment,
    drawAt: sale.startsAt,
    drawnAt,
    entrants,
    ended: saleHasEnded(sale, now),
  };
  if (!record.ended) return { ok: true, record };

  const order = await drawnOrder(deps, sale.id, sale.drawCommitment);
  const drawWinners = new Set(
    (
      await deps.db.order.findMany({
        where: { saleId: sale.id, holdKind: "RESERVATION", userId: { in: order.map((entrant) => entrant.userId) } },
        select: { userId: true },
      })
    ).map((row) => row.userId),
  );
  return {
    ok: true,
    record: {
      ...record,
      seed: sale.drawSeed,
      order: order.map((entrant) => entrant.entryToken),
      winners: order.filter((entrant) => drawWinners.has(entrant.userId)).map((entrant) => entrant.entryToken),
      complete: order.length === entrants,
    },
  };
}
