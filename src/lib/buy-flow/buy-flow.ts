// The buy box's state machine, as a pure reducer. The page feeds it what it observes (server time,
// sale phase, live stock, where the shopper stands in the sale) and what the shopper does (enter a
// fair draw's lobby, buy, join the waitlist, pay, let a hold go) and hears back; every status the
// box can show is one case of `BuyStatus`. Anything that does not fit the current status is
// ignored, which is what makes a double click, a late poll or a stale stock read harmless.
import type { HoldView, ShopperSaleStatus } from "~/lib/checkout";
import type { Chance, DrawView, LobbyView } from "~/lib/fair-draw";
import type { StorefrontPhase } from "~/lib/sale";
import type { AdmissionLimit, AdmissionProblem, ChallengeProblem } from "./admission-error";
import { checkoutStatus, withShopperStatus } from "./checkout-flow";
import { admissionRefused, firstStep, lobbyStatus, type LobbyEvent } from "./lobby-flow";
import { restingStatus, settle, soldOut } from "./resting";

/**
 * The sale's phase as the button sees it (sold out is told by the stock). "lobby": a fair-draw
 * sale before its start, with its lobby open (see buyPhase in ./live-sale).
 */
export type BuyPhase = StorefrontPhase | "lobby";

/** A shopper's action that may have to bring a solved challenge: enter the lobby, reserve, queue. */
export type GuardedAction = "enter" | "buy" | "join";

/** Where the shopper is in paying for a hold they have. */
export type PaymentStep =
  | { name: "idle" }
  /** The payment page is being opened (then the browser leaves for it). */
  | { name: "opening" }
  /** Back from the provider with "success": the payment is on its way to us. */
  | { name: "processing" }
  /** Back from the provider without paying. */
  | { name: "leftPayment" }
  | { name: "cancelling" }
  /** Opening the payment page or letting the hold go did not work. */
  | { name: "failed"; message: string };

export type BuyStatus =
  | { name: "signedOut" }
  | { name: "notStarted" }
  /** A fair draw's lobby is open and this shopper has not entered it. */
  | { name: "lobbyOpen" }
  /**
   * The lobby is open and the server no longer has this shopper's entry (Redis lost the lobby
   * before the draw): as lobbyOpen, saying why they must enter again.
   */
  | { name: "entryLost" }
  /** The browser is solving the sale's challenge before `action` is sent. */
  | { name: "proving"; action: GuardedAction }
  | { name: "entering" }
  /** In the lobby: waiting for the draw (the lobby's figures are in BuyState.lobby). */
  | { name: "inLobby" }
  /** The challenge failed or was refused; trying `action` again brings a fresh one. */
  | { name: "challengeFailed"; action: GuardedAction; problem: ChallengeProblem; message: string }
  /** An allowance of this sale turned the shopper away: nothing they can retry here. */
  | { name: "admissionRefused"; limit: AdmissionLimit; message: string }
  | { name: "ready" }
  | { name: "reserving" }
  /** The reservation was answered; its hold is being read. */
  | { name: "reserved"; reservationId: string; alreadyHeld: boolean }
  /** A unit is kept for the shopper until `hold.expiresAt` (an offer when it came from the waitlist). */
  | { name: "held"; hold: HoldView; step: PaymentStep }
  /** `alreadyHeld`: it was already in this state when the page found it (not watched happening). */
  | { name: "paid"; hold: HoldView | null; alreadyHeld: boolean }
  /** A free claim (or an order from before checkout): the unit is theirs, nothing to pay. */
  | { name: "confirmed"; hold: HoldView | null; alreadyHeld: boolean }
  /**
   * The hold ended unpaid. `paymentPending`: a payment was on its way when it ended (the shopper
   * came back from paying), so it still becomes an order if a unit is free, or a refund.
   */
  | { name: "expired"; hold: HoldView | null; paymentPending: boolean }
  | { name: "cancelled"; hold: HoldView | null; paymentPending: boolean }
  /** A payment arrived after the hold was gone, and was given back. */
  | { name: "refunded"; hold: HoldView | null }
  /** Redis granted a unit, but Postgres found every unit taken (only ever after Redis lost state). */
  | { name: "refused"; hold: HoldView | null }
  /** Every unit is taken; `canJoinWaitlist` when this shopper may queue for a released one. */
  | { name: "soldOut"; canJoinWaitlist: boolean }
  | { name: "joining" }
  /** `chance`: the server's plain estimate of a unit reaching them; null until it has said. */
  | { name: "waitlisted"; position: number; waiting: number; chance: Chance | null }
  /** Joining the waitlist did not work; the sale is still sold out. */
  | { name: "waitlistFailed"; message: string }
  | { name: "paused" }
  | { name: "ended" }
  | { name: "rateLimited"; retryAt: number }
  | { name: "failed"; message: string };

export type BuyStatusName = BuyStatus["name"];

/** Why the server turned a reservation (or an entry into the lobby) down (see classifyReserveError). */
export type Refusal =
  | { reason: "SOLD_OUT" }
  | { reason: "NOT_STARTED" }
  | { reason: "PAUSED" }
  | { reason: "ENDED" }
  | { reason: "RATE_LIMITED"; retryAfterSeconds: number }
  | { reason: "SIGNED_OUT" }
  /** A fair draw before its start: units go by the draw, so enter the lobby instead. */
  | { reason: "LOBBY_OPEN" }
  /** Entering before the lobby opened (our clock ran a hair early). */
  | { reason: "LOBBY_NOT_OPEN" }
  /** Entering after the draw ran: too late for the lobby, buy or queue instead. */
  | { reason: "DRAWN"; message: string }
  | AdmissionProblem
  | { reason: "ERROR"; message: string };

/** Why joining the waitlist did not work (see classifyWaitlistError). */
export type WaitlistRefusal =
  /** The waitlist is off, or the sale is not sold out (any more). */
  | { reason: "CLOSED"; message: string }
  /** The shopper already has an order in this sale: order.status tells which. */
  | { reason: "HAS_ORDER"; message: string }
  | { reason: "SIGNED_OUT" }
  | AdmissionProblem
  | { reason: "ERROR"; message: string };

/** A server verdict (paused, ended, sold out) that a stock read taken before it must not undo. */
interface Verdict {
  name: "soldOut" | "paused" | "ended";
  at: number;
}

export interface BuyState {
  status: BuyStatus;
  phase: BuyPhase;
  signedIn: boolean;
  /** Latest live stock and the server time it was read at; null until known. */
  stock: { left: number; readAt: number } | null;
  verdict: Verdict | null;
  /** Server time of the newest `order.status` answer applied, so an older one never undoes it. */
  statusAt: number | null;
  /** The server's latest word on whether this shopper may join the waitlist. */
  canJoinWaitlist: boolean;
  /** Entering, buying and queueing need a solved challenge first (the sale's setting). */
  challengeRequired: boolean;
  /** The latest word on a fair draw's lobby (before the draw) and its draw (after); null otherwise. */
  lobby: LobbyView | null;
  draw: DrawView | null;
  /** How long the browser took to solve the last challenge, in ms; null before any. */
  proofMs: number | null;
}

/** How the shopper came back from the payment provider (or from its page, by the back button). */
export type PaymentReturn = "success" | "cancelled" | "back";

export type BuyEvent =
  /** Every clock tick and every live-sale read: server time, phase, and the newest stock read. */
  | { type: "OBSERVED"; now: number; phase: BuyPhase; stock: { left: number; readAt: number } | null }
  /** An `order.status` answer (a poll, or what checkout.cancel answered). */
  | { type: "ORDER_STATUS"; status: ShopperSaleStatus }
  | LobbyEvent
  | { type: "BUY" }
  | { type: "RESERVED"; reservationId: string; alreadyHeld: boolean }
  /** `at` is the server time the answer arrived. */
  | { type: "REFUSED"; refusal: Refusal; at: number }
  | { type: "JOIN_WAITLIST" }
  /** `waitlist` is null when a unit was free at that moment: the hold arrives with order.status. */
  | { type: "WAITLIST_JOINED"; waitlist: { position: number; waiting: number } | null }
  | { type: "WAITLIST_REFUSED"; refusal: WaitlistRefusal }
  | { type: "PAY" }
  | { type: "PAY_FAILED"; message: string }
  | { type: "CANCEL" }
  | { type: "CANCEL_FAILED"; message: string }
  | { type: "PAYMENT_RETURNED"; how: PaymentReturn };

function observe(state: BuyState, event: Extract<BuyEvent, { type: "OBSERVED" }>): BuyState {
  // A stock read never goes back in time: polls can answer out of order.
  const stock = event.stock && (!state.stock || event.stock.readAt > state.stock.readAt) ? event.stock : state.stock;
  // A verdict holds until the server has been read again after it.
  const verdict = state.verdict && stock && stock.readAt > state.verdict.at ? null : state.verdict;
  const changed = stock !== state.stock || verdict !== state.verdict || event.phase !== state.phase;
  const next = changed ? { ...state, stock, verdict, phase: event.phase } : state;
  return settle(next, event.now);
}

/** A reservation's refusal, or an entry's (`action` "enter"): the same reasons, the same verdicts. */
function refused(state: BuyState, refusal: Refusal, at: number, action: "buy" | "enter"): BuyState {
  switch (refusal.reason) {
    case "SOLD_OUT":
      return { ...state, status: soldOut(state), verdict: { name: "soldOut", at } };
    case "PAUSED":
      return { ...state, status: { name: "paused" }, verdict: { name: "paused", at } };
    case "ENDED":
      return { ...state, status: { name: "ended" }, verdict: { name: "ended", at } };
    case "NOT_STARTED":
    case "LOBBY_NOT_OPEN":
      // Our clock ran a hair early; the next tick reopens the button.
      return { ...state, status: { name: "notStarted" } };
    case "LOBBY_OPEN":
      // Our clock ran a hair late: until the start, units go by the draw. The next tick moves on.
      return { ...state, status: state.signedIn ? { name: "lobbyOpen" } : { name: "signedOut" } };
    case "DRAWN":
      return { ...state, status: { name: "failed", message: refusal.message } };
    case "CHALLENGE":
    case "LIMIT":
      return admissionRefused(state, refusal, action);
    case "RATE_LIMITED":
      return { ...state, status: { name: "rateLimited", retryAt: at + Math.max(1, refusal.retryAfterSeconds) * 1000 } };
    case "SIGNED_OUT":
      return { ...state, signedIn: false, status: { name: "signedOut" } };
    case "ERROR":
      return { ...state, status: { name: "failed", message: refusal.message } };
  }
}

function waitlistRefused(state: BuyState, refusal: WaitlistRefusal): BuyState {
  switch (refusal.reason) {
    case "SIGNED_OUT":
      return { ...state, signedIn: false, canJoinWaitlist: false, status: { name: "soldOut", canJoinWaitlist: false } };
    case "CLOSED":
      // The server says no queue here now: the button goes, the reason stays on screen.
      return { ...state, canJoinWaitlist: false, status: { name: "waitlistFailed", message: refusal.message } };
    case "HAS_ORDER":
    case "ERROR":
      return { ...state, status: { name: "waitlistFailed", message: refusal.message } };
    case "CHALLENGE":
    case "LIMIT":
      return admissionRefused(state, refusal, "join");
  }
}

export function buyFlowReducer(state: BuyState, event: BuyEvent): BuyState {
  switch (event.type) {
    case "OBSERVED":
      return observe(state, event);
    case "ORDER_STATUS":
      return withShopperStatus(state, event.status);
    case "BUY":
      return canBuy(state) ? { ...state, status: firstStep(state, "buy") } : state;
    case "RESERVED":
      if (state.status.name !== "reserving") return state;
      return {
        ...state,
        status: { name: "reserved", reservationId: event.reservationId, alreadyHeld: event.alreadyHeld },
      };
    case "REFUSED":
      return state.status.name === "reserving" ? refused(state, event.refusal, event.at, "buy") : state;
    case "JOIN_WAITLIST":
      return canJoinWaitlist(state) ? { ...state, status: firstStep(state, "join") } : state;
    case "WAITLIST_JOINED":
      if (state.status.name !== "joining" || !event.waitlist) return state;
      return { ...state, canJoinWaitlist: false, status: { name: "waitlisted", ...event.waitlist, chance: null } };
    case "ENTER_LOBBY":
    case "PROVED":
    case "PROOF_FAILED":
    case "LOBBY_ENTERED":
      return lobbyStatus(state, event);
    case "LOBBY_REFUSED":
      return state.status.name === "entering" ? refused(state, event.refusal, event.at, "enter") : state;
    case "WAITLIST_REFUSED":
      return state.status.name === "joining" ? waitlistRefused(state, event.refusal) : state;
    default:
      return checkoutStatus(state, event);
  }
}

/** Whether a click on the button starts a reservation now (ready, or retry after an error). */
export function canBuy(state: BuyState): boolean {
  const { status } = state;
  if (status.name === "ready") return true;
  const retry = status.name === "failed" || (status.name === "challengeFailed" && status.action === "buy");
  return retry && state.phase === "live" && state.signedIn;
}

/** Whether a click on "Join the waitlist" sends a request now. */
export function canJoinWaitlist(state: BuyState): boolean {
  const { status } = state;
  if (!state.signedIn || state.phase === "ended") return false;
  if (status.name === "soldOut") return status.canJoinWaitlist;
  const retry = status.name === "waitlistFailed" || (status.name === "challengeFailed" && status.action === "join");
  return retry && state.canJoinWaitlist;
}

export interface InitialBuyInput {
  phase: BuyPhase;
  signedIn: boolean;
  /** The sale asks for a solved challenge on entering, buying and queueing. */
  challengeRequired?: boolean;
  stock: { left: number; readAt: number } | null;
  /** Where the shopper stood when the page was rendered; null when signed out. */
  order: ShopperSaleStatus | null;
  /** The page was opened by the payment provider sending the shopper back. */
  returnedFromPayment?: PaymentReturn | null;
}

/** The state a page starts in, from what the server rendered (so a refresh lands mid-flow). */
export function initialBuyState(input: InitialBuyInput): BuyState {
  const { phase, signedIn, stock, order, returnedFromPayment } = input;
  const base: BuyState = {
    phase,
    signedIn,
    stock,
    verdict: null,
    statusAt: null,
    canJoinWaitlist: false,
    challengeRequired: input.challengeRequired ?? false,
    lobby: null,
    draw: null,
    proofMs: null,
    status: { name: "signedOut" },
  };
  const rested = { ...base, status: restingStatus(base) };
  const known = order ? withShopperStatus(rested, order) : rested;
  return returnedFromPayment ? buyFlowReducer(known, { type: "PAYMENT_RETURNED", how: returnedFromPayment }) : known;
}
