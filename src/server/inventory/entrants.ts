// Who entered a sale, as Redis records it (see holds-lib.lua: the entrants hash, the lobby zset,
// the denials hash): the fair draw's record for Postgres (~/server/fair-draw persistDraw) and the
// fairness report. One pipelined read per call.
import type { Redis } from "@upstash/redis";
import { saleKeys } from "./keys";

export interface EntrantRecord {
  userId: string;
  /** LOBBY: entered before the start; BUY: asked for a unit or the queue after it. */
  via: "LOBBY" | "BUY";
  /** Epoch ms. */
  enteredAt: number;
  addressBlock: string | null;
  deviceId: string | null;
  /** 1-based place in the draw; null before the draw and for those who came after it. */
  drawPosition: number | null;
}

export interface SaleEntrants {
  /** Epoch ms the draw ran (Redis's clock); null before it or for a first-come sale. */
  drawnAt: number | null;
  drawEntrants: number;
  drawWinners: number;
  commitment: string;
  /**
   * A fair draw that can no longer run: the sale ended (by an admin, or its end passed by Redis's
   * clock, the clock the draw goes by) before anyone drew it. Its lobby is final, with no positions.
   */
  drawClosed: boolean;
  entrants: EntrantRecord[];
}

/** Whether a fair draw not drawn by `now` (Redis's clock) never will be: see draw_due in holds-lib.lua. */
function drawClosedAt(fields: Record<string, unknown> | null, now: number): boolean {
  if (fields?.mode !== "draw" || fields.drawnAt != null || fields.state == null) return false;
  const state = String(fields.state);
  if (state === "ENDED" || state === "ARCHIVED") return true;
  return state !== "DRAFT" && now >= Number(fields.endsAt ?? Infinity);
}

/** Parses "via|atMs|addressBlock|deviceId"; null for anything else. */
export function parseEntrantRecord(userId: string, raw: string, drawPosition: number | null): EntrantRecord | null {
  const [via, at, block = "", device = ""] = raw.split("|");
  if ((via !== "L" && via !== "B") || !at) return null;
  return {
    userId,
    via: via === "L" ? "LOBBY" : "BUY",
    enteredAt: Number(at),
    addressBlock: block || null,
    deviceId: device || null,
    drawPosition,
  };
}

export async function readSaleEntrants(redis: Redis, namespace: string, saleId: string): Promise<SaleEntrants> {
  const keys = saleKeys(namespace, saleId);
  const pipeline = redis.pipeline();
  pipeline.hmget(keys.sale, "drawnAt", "drawEntrants", "drawWinners", "commit", "mode", "state", "endsAt");
  pipeline.hgetall(keys.entrants);
  pipeline.zrange(keys.lobby, 0, -1, { withScores: true });
  pipeline.time();
  const [facts, records, lobby, time] = (await pipeline.exec()) as [
    Record<string, unknown> | null,
    Record<string, unknown> | null,
    unknown[],
    [number | string, number | string],
  ];
  const drawnAt = facts?.drawnAt == null ? null : Number(facts.drawnAt);
  // After the draw the lobby's scores are the drawn positions (before it, entry times).
  const positions = new Map<string, number>();
  if (drawnAt !== null) {
    for (let i = 0; i + 1 < lobby.length; i += 2) positions.set(String(lobby[i]), Number(lobby[i + 1]));
  }
  const entrants: EntrantRecord[] = [];
  for (const [userId, raw] of Object.entries(records ?? {})) {
    const record = parseEntrantRecord(userId, String(raw), positions.get(userId) ?? null);
    if (record) entrants.push(record);
  }
  return {
    drawnAt,
    drawEntrants: Number(facts?.drawEntrants ?? 0),
    drawWinners: Number(facts?.drawWinners ?? 0),
    commitment: facts?.commit == null ? "" : String(facts.commit),
    drawClosed: drawClosedAt(facts, Number(time[0]) * 1000 + Math.floor(Number(time[1]) / 1000)),
    entrants,
  };
}

/** Entries and attempts refused in a sale, "<lobby|buy>:<REASON>" → count. */
export async function readDenials(redis: Redis, namespace: string, saleId: string): Promise<Record<string, number>> {
  const raw = await redis.hgetall<Record<string, unknown>>(saleKeys(namespace, saleId).denials);
  return Object.fromEntries(Object.entries(raw ?? {}).map(([reason, count]) => [reason, Number(count)]));
}
