// The fair-draw half of the buy-flow reducer: entering a lobby, the challenge the browser solves
// before entering, buying or queueing, and what an admission refusal makes of the box. Pure, like
// the rest of the reducer; the draw's result arrives as an `order.status` answer (checkout-flow).
import type { LobbyView } from "~/lib/fair-draw";
import type { AdmissionProblem, ChallengeProblem } from "./admission-error";
import type { BuyState, BuyStatus, GuardedAction, Refusal } from "./buy-flow";
import { withStatus } from "./resting";

export type LobbyEvent =
  /** "Enter the draw" (or its retry after a failed challenge or entry). */
  | { type: "ENTER_LOBBY" }
  /** The browser solved the challenge in `tookMs`; the guarded request goes out now. */
  | { type: "PROVED"; tookMs: number }
  /** No solution: the browser could not solve it, or no challenge could be had. */
  | { type: "PROOF_FAILED"; problem: ChallengeProblem; message: string }
  /** `at` is the server time the answer arrived: a status poll answered before it says nothing newer. */
  | { type: "LOBBY_ENTERED"; lobby: LobbyView; at: number }
  /** `at` is the server time the answer arrived. */
  | { type: "LOBBY_REFUSED"; refusal: Refusal; at: number };

/** The action's first step: its challenge when the sale asks for one, else the request itself. */
export function firstStep(state: Pick<BuyState, "challengeRequired">, action: GuardedAction): BuyStatus {
  if (state.challengeRequired) return { name: "proving", action };
  return afterProof(action);
}

function afterProof(action: GuardedAction): BuyStatus {
  switch (action) {
    case "enter":
      return { name: "entering" };
    case "buy":
      return { name: "reserving" };
    case "join":
      return { name: "joining" };
  }
}

/** Whether "Enter the draw" sends a request now (or retries one that failed). */
export function canEnterLobby(state: BuyState): boolean {
  const { status } = state;
  if (!state.signedIn || state.phase !== "lobby") return false;
  return (
    status.name === "lobbyOpen" ||
    status.name === "entryLost" ||
    status.name === "failed" ||
    (status.name === "challengeFailed" && status.action === "enter")
  );
}

/**
 * A challenge problem leaves the action retryable (with a fresh challenge: a missing one also
 * tells the page the sale now asks for one); a limit ends this shopper's part in the sale.
 */
export function admissionRefused(state: BuyState, problem: AdmissionProblem, action: GuardedAction): BuyState {
  if (problem.reason === "LIMIT")
    return withStatus(state, { name: "admissionRefused", limit: problem.limit, message: problem.message });
  const challengeRequired = state.challengeRequired || problem.problem === "CHALLENGE_REQUIRED";
  return {
    ...state,
    challengeRequired,
    status: { name: "challengeFailed", action, problem: problem.problem, message: problem.message },
  };
}

export function lobbyStatus(state: BuyState, event: Exclude<LobbyEvent, { type: "LOBBY_REFUSED" }>): BuyState {
  const { status } = state;
  switch (event.type) {
    case "ENTER_LOBBY":
      return canEnterLobby(state) ? { ...state, status: firstStep(state, "enter") } : state;
    case "PROVED":
      if (status.name !== "proving") return state;
      return { ...state, proofMs: Math.max(0, Math.round(event.tookMs)), status: afterProof(status.action) };
    case "PROOF_FAILED":
      if (status.name !== "proving") return state;
      return admissionRefused(
        state,
        { reason: "CHALLENGE", problem: event.problem, message: event.message },
        status.action,
      );
    case "LOBBY_ENTERED":
      if (status.name !== "entering") return state;
      // The entry's answer is the server's word on where the shopper stands as of `at`: a poll
      // answered before it (NONE, sent before the entry) must not read as a lost entry.
      return {
        ...state,
        lobby: event.lobby,
        statusAt: Math.max(state.statusAt ?? event.at, event.at),
        status: { name: "inLobby" },
      };
  }
}
