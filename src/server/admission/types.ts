// Admission: what a shopper must bring to enter a fair draw's lobby or to buy, beyond being signed
// in — a solved challenge (proof of work, or Turnstile), an address block and a device within their
// allowance, an account old enough. Verifying a challenge's signature happens here, in the app;
// whether a solution was already used, and the per-sale allowances, are decided inside the sale's
// own atomic Redis step (reserve.lua, enter-lobby.lua), so admission adds no round trip to a buy.
// The design is in docs/fair-opening.md.
import type { ChallengeKind } from "~/lib/fair-draw";

/** Where an entry or a buy comes from, as the request says (see ~/server/client-address). */
export interface Origin {
  /** IPv4 /24 ("203.0.113.0/24") or IPv6 /64 ("2001:db8:1:2::/64"); null when no address is trusted. */
  addressBlock: string | null;
  /** The signed device cookie's id; null when the browser sent none (a fresh one is then issued). */
  deviceId: string | null;
}

/** What the sale's atomic step needs to admit one shopper; built by AdmissionGate.prepare. */
export interface Admission extends Origin {
  /** A verified solution's single-use id; null when none was presented. */
  challengeId: string | null;
  /** Epoch ms after which the solution expires on its own (its id need not be remembered longer). */
  challengeExpiresAt: number;
  /** Epoch ms the account was created; null when unknown (then an age rule refuses). */
  accountCreatedAt: number | null;
  /** Entries allowed per address block and per device in one sale (from the policy table); 0: no cap. */
  perBlock: number;
  perDevice: number;
}

/** Why an entry or a buy was turned away before or inside the atomic step. */
export const ADMISSION_REFUSALS = [
  /** The sale asks for a challenge and none came. */
  "CHALLENGE_REQUIRED",
  /** The solution does not verify: forged, for another sale or shopper, or expired. */
  "CHALLENGE_INVALID",
  /** The solution was already used once. */
  "CHALLENGE_REPLAYED",
  /** The verifier could not be asked (Turnstile unreachable). */
  "CHALLENGE_UNAVAILABLE",
  /** This address block has used its entries in this sale. */
  "BLOCK_LIMIT",
  /** This device has used its entries in this sale. */
  "DEVICE_LIMIT",
  /** The sale admits only accounts older than its minimum age. */
  "ACCOUNT_TOO_NEW",
  /** The sale has an age rule and the account's age could not be read (Postgres slow): try again. */
  "ACCOUNT_AGE_UNKNOWN",
] as const;
export type AdmissionRefusal = (typeof ADMISSION_REFUSALS)[number];

/** What the browser needs to produce a solution for one sale and shopper. */
export type ChallengeOffer =
  | { kind: "none" }
  /** ALTCHA's challenge JSON (v2: `{ parameters, signature }`), handed to the widget as its `challenge`. */
  | { kind: "altcha"; challenge: Record<string, unknown> }
  /** Render the Turnstile widget with this site key, `action` and `cData` (the token must carry them back). */
  | { kind: "turnstile"; siteKey: string; action: string; cData: string };

export type ChallengeVerdict =
  { ok: true; id: string; expiresAt: number } | { ok: false; reason: "CHALLENGE_INVALID" | "CHALLENGE_UNAVAILABLE" };

/** One way to prove a browser did work or passed a check; chosen by env (see ./index). */
export interface ChallengeVerifier {
  readonly kind: ChallengeKind;
  /** A fresh challenge bound to this sale and shopper; `cost` is the sale's challengeCost. */
  issue(input: { saleId: string; userId: string; cost: number }): Promise<ChallengeOffer>;
  /** Checks the solution's signature and binding, not its reuse (the sale's atomic step does that). */
  verify(input: {
    saleId: string;
    userId: string;
    solution: string;
    remoteIp: string | null;
  }): Promise<ChallengeVerdict>;
}

export type AdmissionStage = "lobby" | "buy";

export interface AdmissionRequest {
  saleId: string;
  userId: string;
  stage: AdmissionStage;
  /** The challenge solution the browser sent, if any (ALTCHA's base64 payload or a Turnstile token). */
  solution?: string | null;
  origin: Origin;
  /** The caller's trusted address (Turnstile's remoteip); null when none is trusted. */
  clientIp: string | null;
  /** From the session when it carries it; otherwise the gate looks it up. */
  accountCreatedAt?: number | null;
}

export type AdmissionResult = { ok: true; admission: Admission } | { ok: false; reason: AdmissionRefusal };

/** Built once in ~/server/services; used by the purchase and lobby services. */
export interface AdmissionGate {
  readonly challengeKind: ChallengeKind;
  /** A challenge for the browser to solve (kind "none" when the sale asks for none). */
  challengeFor(input: { saleId: string; userId: string }): Promise<ChallengeOffer>;
  /** Verifies what can be verified before the atomic step. A refusal here touches nothing. */
  prepare(request: AdmissionRequest): Promise<AdmissionResult>;
  /** Counts a refusal decided outside the atomic step (invalid challenge, rate limit) for the fairness report. */
  countDenial(saleId: string, stage: AdmissionStage, reason: string): Promise<void>;
}
