// Takes one unit for one shopper in a single atomic Redis step (see reserve.lua): a hold to pay
// within the sale's hold window, or a unit for good when the sale is free.
import { randomUUID } from "node:crypto";
import type { Redis } from "@upstash/redis";
import type { Admission, AdmissionRefusal } from "~/server/admission/types";
import { admissionArgs, isScriptAdmissionRefusal } from "./admission-args";
import { parseOffers, type HoldLetter, type Offer } from "./buyer-record";
import { parseDrawnFacts, type DrawnFacts } from "./draw";
import { saleKeyList, saleKeys } from "./keys";
import { scriptFor } from "./scripts";

/** The shopper's hold as the reserve step answers it. */
export interface HoldFacts {
  state: HoldLetter;
  /** Epoch ms; null without a payment step (a free sale). */
  expiresAt: number | null;
  kind: "RESERVATION" | "OFFER";
}

export type ReserveOutcome = (
  | { ok: true; status: "RESERVED"; reservationId: string; reservedAt: Date; stockLeft: number; hold: HoldFacts }
  | { ok: true; status: "ALREADY_RESERVED"; reservationId: string; reservedAt: Date; hold: HoldFacts }
  /** No unit: the shopper is in the sale's queue at `position` (1 is next). */
  | { ok: false; reason: "WAITLISTED"; position: number; waiting: number }
  /** `waitlistOpen` is absent when answered without asking Redis (the sold-out memory). */
  | { ok: false; reason: "SOLD_OUT"; waitlistOpen?: boolean }
  | { ok: false; reason: "UNKNOWN_SALE" | "NOT_PUBLISHED" | "PAUSED" | "ENDED" }
  | { ok: false; reason: "NOT_STARTED"; startsAt: Date }
  /** A fair draw before its start: the shopper enters the lobby; the draw runs at `drawAt`. */
  | { ok: false; reason: "LOBBY_OPEN"; drawAt: Date }
  /** Turned away by admission (a missing or spent challenge, an allowance, the account's age). */
  | { ok: false; reason: AdmissionRefusal }
) & {
  /** Units this step released to waitlisted shoppers: their orders and expiries must follow. */
  offers?: Offer[];
  /** This step ran the sale's fair draw: its winners' holds must be followed up (see ~/server/fair-draw). */
  draw?: DrawnFacts;
};

type ScriptReply = [string, Array<string | number>, Array<string | number>, unknown?];

export function newReservationId(): string {
  return `rsv_${randomUUID().replaceAll("-", "")}`;
}

export async function reserveUnit(
  redis: Redis,
  input: {
    namespace: string;
    saleId: string;
    userId: string;
    reservationId?: string;
    joinWaitlist?: boolean;
    /** What the shopper brings (see ~/server/admission); absent: nothing, from nowhere known. */
    admission?: Admission;
  },
): Promise<ReserveOutcome> {
  const keys = saleKeyList(saleKeys(input.namespace, input.saleId));
  const reply = await scriptFor(redis, "reserve").exec(keys, [
    input.userId,
    input.reservationId ?? newReservationId(),
    input.joinWaitlist ? "1" : "0",
    ...admissionArgs(input.admission),
  ]);
  return parseReserveReply(reply as ScriptReply);
}

function holdFacts(state: unknown, expiresAt: unknown, kind: unknown): HoldFacts {
  const expiry = Number(expiresAt);
  return {
    state: String(state) as HoldLetter,
    expiresAt: expiry > 0 ? expiry : null,
    kind: String(kind) === "o" ? "OFFER" : "RESERVATION",
  };
}

export function parseReserveReply(reply: ScriptReply): ReserveOutcome {
  const [status, fields = [], offerList, drawList] = reply;
  const offers = parseOffers(offerList);
  const draw = parseDrawnFacts(drawList);
  const extra = { ...(offers.length > 0 ? { offers } : {}), ...(draw ? { draw } : {}) };
  const [a, b, c, d, e, f] = fields;
  switch (status) {
    case "RESERVED":
      return {
        ok: true,
        status,
        reservationId: String(a),
        reservedAt: new Date(Number(b)),
        hold: holdFacts(c, d, e),
        stockLeft: Number(f),
        ...extra,
      };
    case "ALREADY_RESERVED":
      return {
        ok: true,
        status,
        reservationId: String(a),
        reservedAt: new Date(Number(b)),
        hold: holdFacts(c, d, e),
        ...extra,
      };
    case "WAITLISTED":
      return { ok: false, reason: status, position: Number(a), waiting: Number(b), ...extra };
    case "SOLD_OUT":
      return { ok: false, reason: status, waitlistOpen: Number(a) === 1, ...extra };
    case "NOT_STARTED":
      return { ok: false, reason: status, startsAt: new Date(Number(a)), ...extra };
    case "LOBBY_OPEN":
      return { ok: false, reason: status, drawAt: new Date(Number(a)), ...extra };
    case "UNKNOWN_SALE":
    case "NOT_PUBLISHED":
    case "PAUSED":
    case "ENDED":
      return { ok: false, reason: status, ...extra };
    default:
      if (isScriptAdmissionRefusal(status)) return { ok: false, reason: status, ...extra };
      throw new Error(`reserve script answered an unknown status: ${String(status)}`);
  }
}
