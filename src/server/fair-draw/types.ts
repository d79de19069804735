// The lobby of a fair-draw sale and its draw, as services (docs/fair-opening.md).
import type { LobbyView } from "~/lib/fair-draw";
import type { AdmissionRefusal, Origin } from "~/server/admission/types";

export interface EnterLobbyInput {
  saleId: string;
  userId: string;
  /** The challenge solution the browser sent, if any. */
  challenge?: string | null;
  origin: Origin;
  clientIp: string | null;
  accountCreatedAt?: number | null;
}

export type EnterLobbyOutcome =
  | { ok: true; status: "ENTERED" | "ALREADY_ENTERED"; lobby: LobbyView }
  /** Too early: the lobby opens at `opensAt`. */
  | { ok: false; reason: "LOBBY_NOT_OPEN"; opensAt: Date }
  /** The start has passed and the draw has run (or just ran): buy or queue as usual. */
  | { ok: false; reason: "DRAWN" }
  | { ok: false; reason: "NOT_FAIR_DRAW" | "UNKNOWN_SALE" | "NOT_PUBLISHED" | "PAUSED" | "ENDED" }
  | { ok: false; reason: AdmissionRefusal }
  | { ok: false; reason: "RATE_LIMITED"; retryAfterSeconds: number }
  | { ok: false; reason: "LIMITER_UNAVAILABLE" }
  /** Redis could not be reached; whether the entry was recorded is unknown (entering again is safe). */
  | { ok: false; reason: "UNAVAILABLE"; retryAfterSeconds: number };

/** What one run of the draw did; `ran` is false when it had already run or is not due. */
export interface DrawRun {
  ran: boolean;
  entrants: number;
  winners: number;
  drawnAt: Date | null;
}

export interface LobbyService {
  enter(input: EnterLobbyInput): Promise<EnterLobbyOutcome>;
  /** Runs the sale's draw if it is due and has not run; its follow-up (persisting) is queued. */
  drawIfDue(saleId: string): Promise<DrawRun>;
  /** Writes a drawn sale's journal, draw facts and entrants to Postgres; idempotent. */
  persistDraw(saleId: string): Promise<void>;
}
