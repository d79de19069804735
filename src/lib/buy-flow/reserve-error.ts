// Turns a failed `purchase.reserve` (or `lobby.enter`) call into a Refusal the buy flow
// understands. The router sends a tRPC code and, for refusals the page reacts to, the domain reason
// (`error.data.reason`); the message is for people and is never parsed.
import { admissionProblemOf, type AdmissionContext } from "./admission-error";
import type { Refusal } from "./buy-flow";

export interface ReserveErrorInfo {
  /** tRPC error code from `error.data.code`; absent when the request never got an answer. */
  code?: string;
  message: string;
  retryAfterSeconds?: number;
  /** The domain reason from `error.data.reason` (SOLD_OUT, NOT_STARTED, PAUSED, ENDED, BLOCK_LIMIT…). */
  reason?: string;
}

export const NETWORK_ERROR_MESSAGE = "We could not reach Stampede. Check your connection and try again.";
const GENERIC_ERROR_MESSAGE = "Something went wrong. Please try again.";
/** The wait when a TOO_MANY_REQUESTS answer came without its retry-after figure. */
const FALLBACK_RETRY_SECONDS = 5;

function retrySeconds(info: ReserveErrorInfo): number {
  if (info.retryAfterSeconds === undefined || !Number.isFinite(info.retryAfterSeconds)) return FALLBACK_RETRY_SECONDS;
  return Math.max(1, Math.ceil(info.retryAfterSeconds));
}

/** An answer the page has no special state for: the server's words, and the button offers a retry. */
function unexpected(info: ReserveErrorInfo): Refusal {
  return { reason: "ERROR", message: info.message || GENERIC_ERROR_MESSAGE };
}

const DRAWN_MESSAGE =
  "The draw has already run, so the lobby is closed. You can still buy if units are left, or join the waitlist.";

export function classifyReserveError(info: ReserveErrorInfo, context: AdmissionContext = {}): Refusal {
  // Admission refusals come with several codes (BAD_REQUEST, FORBIDDEN, SERVICE_UNAVAILABLE): the
  // reason alone says what the shopper can do about them.
  const admission = admissionProblemOf(info.reason, context);
  if (admission) return admission;
  // A fair draw's timing, whichever code the lobby or the buy path answered it with.
  if (info.reason === "LOBBY_OPEN" || info.reason === "LOBBY_NOT_OPEN") return { reason: info.reason };
  if (info.reason === "DRAWN") return { reason: "DRAWN", message: DRAWN_MESSAGE };
  switch (info.code) {
    case undefined:
      return { reason: "ERROR", message: NETWORK_ERROR_MESSAGE };
    case "UNAUTHORIZED":
      return { reason: "SIGNED_OUT" };
    case "TOO_MANY_REQUESTS":
      return { reason: "RATE_LIMITED", retryAfterSeconds: retrySeconds(info) };
    case "CONFLICT":
      if (info.reason === "SOLD_OUT") return { reason: "SOLD_OUT" };
      return unexpected(info);
    case "PRECONDITION_FAILED":
      switch (info.reason) {
        case "NOT_STARTED":
        case "PAUSED":
        case "ENDED":
          return { reason: info.reason };
        default:
          return unexpected(info);
      }
    case "NOT_FOUND":
      return { reason: "ERROR", message: "We could not find this sale any more. It may have been withdrawn." };
    // The limiter could not answer (or, soon, the sale is resuming): nothing was refused for good.
    // The rate-limited state would blame the shopper for too many attempts, so this is an error
    // with the server's words, whose button offers to try again.
    case "SERVICE_UNAVAILABLE":
    default:
      return unexpected(info);
  }
}
