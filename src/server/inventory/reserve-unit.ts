// Takes one unit for one shopper in a single atomic Redis step (see reserve.lua).
import { randomUUID } from "node:crypto";
import type { Redis } from "@upstash/redis";
import { saleKeyList, saleKeys } from "./keys";
import { scriptFor } from "./scripts";

export type ReserveOutcome =
  | { ok: true; status: "RESERVED"; reservationId: string; reservedAt: Date; stockLeft: number }
  | { ok: true; status: "ALREADY_RESERVED"; reservationId: string; reservedAt: Date }
  | { ok: false; reason: "UNKNOWN_SALE" | "NOT_PUBLISHED" | "PAUSED" | "ENDED" | "SOLD_OUT" }
  | { ok: false; reason: "NOT_STARTED"; startsAt: Date };

type ScriptReply = [string, ...(string | number)[]];

export function newReservationId(): string {
  return `rsv_${randomUUID().replaceAll("-", "")}`;
}

export async function reserveUnit(
  redis: Redis,
  input: { namespace: string; saleId: string; userId: string; reservationId?: string },
): Promise<ReserveOutcome> {
  const keys = saleKeyList(saleKeys(input.namespace, input.saleId));
  const reply = await scriptFor(redis, "reserve").exec(keys, [input.userId, input.reservationId ?? newReservationId()]);
  return parseReserveReply(reply as ScriptReply);
}

export function parseReserveReply(reply: ScriptReply): ReserveOutcome {
  const [status, a, b, c] = reply;
  switch (status) {
    case "RESERVED":
      return { ok: true, status, reservationId: String(a), reservedAt: new Date(Number(b)), stockLeft: Number(c) };
    case "ALREADY_RESERVED":
      return { ok: true, status, reservationId: String(a), reservedAt: new Date(Number(b)) };
    case "NOT_STARTED":
      return { ok: false, reason: status, startsAt: new Date(Number(a)) };
    case "UNKNOWN_SALE":
    case "NOT_PUBLISHED":
    case "PAUSED":
    case "ENDED":
    case "SOLD_OUT":
      return { ok: false, reason: status };
    default:
      throw new Error(`reserve script answered an unknown status: ${String(status)}`);
  }
}
