// Turns a failed `purchase.reserve` call into a Refusal the buy flow understands. The router maps
// each domain reason to a tRPC code and also sends the reason itself (`error.data.reason`); the
// message patterns remain as a fallback for answers without it.
import type { Refusal } from "./buy-flow";

export interface ReserveErrorInfo {
  /** tRPC error code from `error.data.code`; absent when the request never got an answer. */
  code?: string;
  message: string;
  retryAfterSeconds?: number;
  /** The domain reason from `error.data.reason` (SOLD_OUT, NOT_STARTED, PAUSED, ENDED…). */
  reason?: string;
}

export const NETWORK_ERROR_MESSAGE = "We could not reach Stampede. Check your connection and try again.";
const FALLBACK_RETRY_SECONDS = 5;

function retrySeconds(info: ReserveErrorInfo): number {
  if (info.retryAfterSeconds !== undefined && Number.isFinite(info.retryAfterSeconds)) {
    return Math.max(1, Math.ceil(info.retryAfterSeconds));
  }
  const stated = /wait (\d+)\s*s/i.exec(info.message)?.[1];
  return stated ? Math.max(1, Number(stated)) : FALLBACK_RETRY_SECONDS;
}

export function classifyReserveError(info: ReserveErrorInfo): Refusal {
  switch (info.code) {
    case undefined:
      return { reason: "ERROR", message: NETWORK_ERROR_MESSAGE };
    case "UNAUTHORIZED":
      return { reason: "SIGNED_OUT" };
    case "TOO_MANY_REQUESTS":
      return { reason: "RATE_LIMITED", retryAfterSeconds: retrySeconds(info) };
    case "CONFLICT":
      if (info.reason === "SOLD_OUT") return { reason: "SOLD_OUT" };
      return /already/i.test(info.message) ? { reason: "ALREADY_BOUGHT" } : { reason: "SOLD_OUT" };
    case "PRECONDITION_FAILED":
      if (info.reason === "NOT_STARTED" || /not started/i.test(info.message)) return { reason: "NOT_STARTED" };
      if (info.reason === "PAUSED" || /paused/i.test(info.message)) return { reason: "PAUSED" };
      if (info.reason === "ENDED" || /ended/i.test(info.message)) return { reason: "ENDED" };
      return { reason: "ERROR", message: info.message };
    case "NOT_FOUND":
      return { reason: "ERROR", message: "We could not find this sale any more. It may have been withdrawn." };
    default:
      return { reason: "ERROR", message: info.message || "Something went wrong. Please try again." };
  }
}
