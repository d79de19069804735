// The checkout half of the buy-flow reducer: what an `order.status` answer (ShopperSaleStatus) makes
// of the box, and the shopper's moves on a hold (pay, come back from paying, let it go). Pure, like
// the rest of the reducer; the server is the judge of every state, these only say what to show
// while its answer is on the way.
import type { HoldView, ShopperSaleStatus } from "~/lib/checkout";
import type { BuyEvent, BuyState, BuyStatus, PaymentStep } from "./buy-flow";
import { notInLobby, soldOut, withStatus } from "./resting";

export type CheckoutEvent = Extract<
  BuyEvent,
  { type: "PAY" | "PAY_FAILED" | "CANCEL" | "CANCEL_FAILED" | "PAYMENT_RETURNED" }
>;

const IDLE: PaymentStep = { name: "idle" };

/** Steps from which the shopper may start paying or let the hold go. */
const STEADY: ReadonlySet<PaymentStep["name"]> = new Set(["idle", "leftPayment", "failed"]);

/** A poll of the same hold keeps the step under way, except that a new decline ends a wait for payment. */
function carriedStep(previous: Extract<BuyStatus, { name: "held" }>, hold: HoldView): PaymentStep {
  if (previous.hold.reservationId !== hold.reservationId) return IDLE;
  const newDecline = hold.declined !== null && hold.declined !== previous.hold.declined;
  if (previous.step.name === "processing" && newDecline) return IDLE;
  return previous.step;
}

/** Whether the page saw the order get here (rather than finding it there on arrival). */
function watchedHappen(previous: BuyStatus): boolean {
  return (
    previous.name === "held" ||
    previous.name === "joining" ||
    previous.name === "waitlisted" ||
    previous.name === "reserved" ||
    previous.name === "inLobby"
  );
}

function alreadyHeld(previous: BuyStatus, name: "paid" | "confirmed"): boolean {
  if (previous.name === name) return previous.alreadyHeld;
  if (previous.name === "reserved") return previous.alreadyHeld;
  return !watchedHappen(previous);
}

/** Whether a payment was reported on its way to a hold that has now ended. */
function paymentOnItsWay(previous: BuyStatus): boolean {
  if (previous.name === "held") return previous.step.name === "processing";
  return (previous.name === "expired" || previous.name === "cancelled") && previous.paymentPending;
}

/** The status an answer of `order.status` puts the box in; null when it says nothing new (NONE). */
function statusFor(state: BuyState, answer: ShopperSaleStatus): BuyStatus | null {
  const { hold } = answer;
  const previous = state.status;
  switch (answer.state) {
    case "NONE":
      // Answered after their entry (older answers never get here): the server has no entry of
      // theirs, so the lobby lost it or the draw ran without them. Anywhere else NONE undoes nothing.
      return previous.name === "inLobby" ? notInLobby(state) : null;
    case "WAITLISTED":
      return {
        name: "waitlisted",
        position: answer.waitlist?.position ?? 0,
        waiting: answer.waitlist?.waiting ?? 0,
        chance: answer.waitlist?.chance ?? null,
      };
    case "IN_LOBBY":
      // A sale that ended before its draw never draws: the end outranks an entry still on record.
      return state.phase === "ended" ? { name: "ended" } : { name: "inLobby" };
    case "HELD":
      if (!hold) return null;
      return { name: "held", hold, step: previous.name === "held" ? carriedStep(previous, hold) : IDLE };
    case "PAID":
      return { name: "paid", hold, alreadyHeld: alreadyHeld(previous, "paid") };
    case "CONFIRMED":
      return { name: "confirmed", hold, alreadyHeld: alreadyHeld(previous, "confirmed") };
    case "EXPIRED":
      return { name: "expired", hold, paymentPending: paymentOnItsWay(previous) };
    case "CANCELLED":
      return { name: "cancelled", hold, paymentPending: paymentOnItsWay(previous) };
    case "REFUNDED":
      return { name: "refunded", hold };
    case "REFUSED":
      return { name: "refused", hold };
  }
}

/** Statuses whose own request decides where the shopper stands: a poll answered meanwhile does not. */
const IN_FLIGHT: ReadonlySet<BuyStatus["name"]> = new Set(["reserving", "proving", "entering"]);

/** The same lobby or draw as before, so an unchanged poll keeps the object (and React skips the render). */
function same<T>(before: T, after: T): T {
  return JSON.stringify(before) === JSON.stringify(after) ? before : after;
}

/** Applies an `order.status` answer: the server's word on where this shopper stands. */
export function withShopperStatus(state: BuyState, answer: ShopperSaleStatus): BuyState {
  if (IN_FLIGHT.has(state.status.name)) return state;
  // Answers can arrive out of order (a poll sent before a cancel, answered after it).
  if (state.statusAt !== null && answer.serverNow < state.statusAt) return state;
  const lobby = same(state.lobby, answer.lobby);
  const draw = same(state.draw, answer.draw);
  const known: BuyState =
    state.statusAt === answer.serverNow &&
    state.canJoinWaitlist === answer.canJoinWaitlist &&
    lobby === state.lobby &&
    draw === state.draw
      ? state
      : { ...state, statusAt: answer.serverNow, canJoinWaitlist: answer.canJoinWaitlist, lobby, draw };
  const next = statusFor(known, answer);
  if (next) return withStatus(known, next);
  // NONE: nothing of theirs in this sale. It never undoes a purchase or a queue place (a poll sent
  // before the reservation or the join may answer after it); it only updates the waitlist offer.
  // (A lobby entry is different: it leaves the lobby above, as Redis can lose it before the draw.)
  return known.status.name === "soldOut" ? withStatus(known, soldOut(known)) : known;
}

function withStep(state: BuyState, status: Extract<BuyStatus, { name: "held" }>, step: PaymentStep): BuyState {
  return withStatus(state, { ...status, step });
}

/** Pay, its failure, letting the hold go, and coming back from the provider: all only while held. */
export function checkoutStatus(state: BuyState, event: CheckoutEvent): BuyState {
  const { status } = state;
  if (event.type === "PAYMENT_RETURNED" && event.how === "success") return paymentReported(state);
  if (status.name !== "held") return state;
  switch (event.type) {
    case "PAY":
      return canPay(state) ? withStep(state, status, { name: "opening" }) : state;
    case "PAY_FAILED":
      return status.step.name === "opening"
        ? withStep(state, status, { name: "failed", message: event.message })
        : state;
    case "CANCEL":
      return canLetGo(state) ? withStep(state, status, { name: "cancelling" }) : state;
    case "CANCEL_FAILED":
      return status.step.name === "cancelling"
        ? withStep(state, status, { name: "failed", message: event.message })
        : state;
    case "PAYMENT_RETURNED":
      if (event.how === "cancelled" && status.step.name !== "processing")
        return withStep(state, status, { name: "leftPayment" });
      // The back button restored this page from the browser's cache, as it was when it left.
      if (event.how === "back" && status.step.name === "opening")
        return withStep(state, status, { name: "leftPayment" });
      return state;
  }
}

/**
 * The provider sent the shopper back saying they paid. A hold still held waits for the payment; one
 * that ended meanwhile waits for it to become an order or a refund; a paid order is news to them.
 */
function paymentReported(state: BuyState): BuyState {
  const { status } = state;
  switch (status.name) {
    case "held":
      return withStep(state, status, { name: "processing" });
    case "expired":
    case "cancelled":
      return withStatus(state, { ...status, paymentPending: true });
    case "paid":
      return withStatus(state, { ...status, alreadyHeld: false });
    default:
      return state;
  }
}

/** Whether "Pay now" starts a payment now. */
export function canPay(state: BuyState): boolean {
  return state.status.name === "held" && STEADY.has(state.status.step.name);
}

/** Whether "Let it go" is on offer now (not while a payment is being opened or confirmed). */
export function canLetGo(state: BuyState): boolean {
  return canPay(state);
}

/**
 * Whether the page should keep asking `order.status`: while something is expected to change on the
 * server's side (a hold being paid, expiring or offered; a place in line moving; a reservation or a
 * join whose result is still being read; a payment that reached an ended hold). Settled states are
 * not polled.
 */
export function needsOrderPolling(state: BuyState): boolean {
  const { status } = state;
  if (status.name === "expired" || status.name === "cancelled") return status.paymentPending;
  return (
    status.name === "reserved" ||
    status.name === "held" ||
    status.name === "joining" ||
    status.name === "waitlisted" ||
    status.name === "inLobby"
  );
}

/** Every 2 s while something of this shopper's is expected to change (see needsOrderPolling). */
export const STATUS_POLL_MS = 2_000;
/** A lobby not yet entered only has its count to show: a slower read is enough. */
export const LOBBY_COUNT_POLL_MS = 5_000;

/** How often the page reads `order.status` now, or false when it need not. */
export function orderPollInterval(state: BuyState): number | false {
  if (needsOrderPolling(state)) return STATUS_POLL_MS;
  const { status } = state;
  const lobbyOpen =
    status.name === "lobbyOpen" ||
    status.name === "entryLost" ||
    (status.name === "challengeFailed" && status.action === "enter");
  return state.signedIn && state.phase === "lobby" && lobbyOpen ? LOBBY_COUNT_POLL_MS : false;
}
