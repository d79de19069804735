// Where the buy box rests when no purchase is under way: derived from the sale's phase, live stock,
// sign-in and the server's last verdict. Shared by the reducer and the checkout half of it.
import type { BuyState, BuyStatus, BuyStatusName, GuardedAction } from "./buy-flow";

/**
 * Statuses that only order news (or the shopper's own actions) move: never a tick or a stock read.
 * One exception, inLobby: the sale's end moves it too (see settleInLobby).
 */
const HOLDING: ReadonlySet<BuyStatusName> = new Set([
  "reserving",
  "reserved",
  "held",
  "paid",
  "confirmed",
  "expired",
  "cancelled",
  "refunded",
  "refused",
  "joining",
  "waitlisted",
  "proving",
  "entering",
  "inLobby",
  "admissionRefused",
]);

/** Where each guarded action is started from: a failed challenge stays on screen while there. */
const RETRIED_FROM = { enter: "lobbyOpen", buy: "ready", join: "soldOut" } as const satisfies Record<
  GuardedAction,
  BuyStatusName
>;

/** Whether the status belongs to a purchase under way or done (not the sale's own resting state). */
export function isHolding(status: BuyStatus): boolean {
  return HOLDING.has(status.name);
}

/** What the button shows when nothing is going on: derived from phase, stock and sign-in. */
export function restingStatus(state: Pick<BuyState, "phase" | "signedIn" | "stock" | "canJoinWaitlist">): BuyStatus {
  if (state.phase === "ended") return { name: "ended" };
  if (state.stock?.left === 0) return soldOut(state);
  if (!state.signedIn) return { name: "signedOut" };
  if (state.phase === "upcoming") return { name: "notStarted" };
  if (state.phase === "lobby") return { name: "lobbyOpen" };
  if (state.phase === "paused") return { name: "paused" };
  return { name: "ready" };
}

export function soldOut(state: Pick<BuyState, "signedIn" | "canJoinWaitlist">): BuyStatus {
  return { name: "soldOut", canJoinWaitlist: state.signedIn && state.canJoinWaitlist };
}

/**
 * What a tick or a live-sale read makes of a shopper in the lobby. The draw's result (a hold, a
 * place in line, or none of it) arrives with `order.status`, so neither the start passing nor a
 * stock read nor a pause moves them: a paused sale draws once it resumes. A sale that ended before
 * its draw never draws: the ended view, and nothing left to wait for.
 */
function settleInLobby(state: BuyState): BuyState {
  return state.phase === "ended" ? withStatus(state, { name: "ended" }) : state;
}

/**
 * Where a shopper goes when the server no longer has them in the lobby (`order.status` answered
 * NONE after their entry). While the lobby is still open, Redis lost it before the draw: the lobby
 * again, saying their entry was lost ("entryLost"). Otherwise the draw ran (or the sale ended)
 * without them: the sale's plain resting state, to buy, queue or read that it is over.
 */
export function notInLobby(state: BuyState): BuyStatus {
  const resting = restingStatus(state);
  return resting.name === "lobbyOpen" ? { name: "entryLost" } : resting;
}

/** Puts a non-holding state back where phase, stock, verdicts and timers say it belongs. */
export function settle(state: BuyState, now: number): BuyState {
  const { status, verdict } = state;
  if (status.name === "inLobby") return settleInLobby(state);
  if (HOLDING.has(status.name)) return state;
  const resting = restingStatus(state);
  // Ended and sold out outrank a retry timer or an error: there is nothing left to retry.
  const final = resting.name === "ended" || resting.name === "soldOut";
  if (status.name === "rateLimited" && now < status.retryAt && !final) return state;
  const target: BuyStatus =
    verdict && !(resting.name === "ended" && verdict.name !== "ended")
      ? verdict.name === "soldOut"
        ? soldOut(state)
        : { name: verdict.name }
      : resting;
  // An error stays on screen while the box would only offer the same action again.
  if (status.name === "failed" && (target.name === "ready" || target.name === "lobbyOpen")) return state;
  if (status.name === "waitlistFailed" && target.name === "soldOut") return state;
  if (status.name === "challengeFailed" && target.name === RETRIED_FROM[status.action]) return state;
  // A lost entry keeps saying so while entering again is the thing to do.
  if (status.name === "entryLost" && target.name === "lobbyOpen") return state;
  return withStatus(state, target);
}

export function withStatus(state: BuyState, status: BuyStatus): BuyState {
  return sameStatus(state.status, status) ? state : { ...state, status };
}

function sameStatus(a: BuyStatus, b: BuyStatus): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
