// Turns a failed waitlist join, payment start or cancel into what the box shows. As with reserve,
// the tRPC code decides and the message is shown, never parsed. Whatever the failure, the page also
// reads `order.status` again: it is the ground truth (a hold that expired meanwhile, a paid order).
import { admissionProblemOf, type AdmissionContext } from "./admission-error";
import type { WaitlistRefusal } from "./buy-flow";
import { NETWORK_ERROR_MESSAGE, type ReserveErrorInfo } from "./reserve-error";

const GENERIC_ERROR_MESSAGE = "Something went wrong. Please try again.";
const SESSION_ENDED_MESSAGE = "Your session has ended. Sign in again to continue.";

function retryMessage(info: ReserveErrorInfo): string {
  const seconds = Math.max(1, Math.ceil(info.retryAfterSeconds ?? 5));
  return `Too many attempts. Please wait ${seconds} s and try again.`;
}

export function classifyWaitlistError(info: ReserveErrorInfo, context: AdmissionContext = {}): WaitlistRefusal {
  const admission = admissionProblemOf(info.reason, context);
  if (admission) return admission;
  switch (info.code) {
    case undefined:
      return { reason: "ERROR", message: NETWORK_ERROR_MESSAGE };
    case "UNAUTHORIZED":
      return { reason: "SIGNED_OUT" };
    case "PRECONDITION_FAILED":
      return { reason: "CLOSED", message: info.message || "The waitlist is not open for this sale right now." };
    case "CONFLICT":
      return { reason: "HAS_ORDER", message: info.message || "You already have an order in this sale." };
    case "TOO_MANY_REQUESTS":
      return { reason: "ERROR", message: retryMessage(info) };
    default:
      return { reason: "ERROR", message: info.message || GENERIC_ERROR_MESSAGE };
  }
}

/** The words for a failed "Pay now" or "Let it go"; the hold itself is re-read right after. */
export function checkoutErrorMessage(info: ReserveErrorInfo): string {
  switch (info.code) {
    case undefined:
      return NETWORK_ERROR_MESSAGE;
    case "UNAUTHORIZED":
      return SESSION_ENDED_MESSAGE;
    case "TOO_MANY_REQUESTS":
      return retryMessage(info);
    default:
      return info.message || GENERIC_ERROR_MESSAGE;
  }
}
