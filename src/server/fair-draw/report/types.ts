// The fairness report's shapes: what one sale's opening looked like, for the admin page and the CSV
// and JSON downloads. Built by build-report.ts from Postgres and, while the sale's keys last, Redis.
import type { OpeningMode } from "~/lib/fair-draw";
import type { SaleState } from "~/lib/sale";

export type EntrantVia = "LOBBY" | "BUY";

/** One shopper who entered the sale (SaleEntrant, or the sale's Redis entrants hash). */
export interface EntrantRecord {
  userId: string;
  entryToken: string;
  via: EntrantVia;
  enteredAt: Date;
  /** 1-based place in the draw; null for entrants after it (or before the draw reached Postgres). */
  drawPosition: number | null;
  addressBlock: string | null;
  deviceId: string | null;
}

/** A shopper given a hold (by the draw, the queue, or first come): every order but a refused one. */
export interface WinnerRecord {
  userId: string;
  orderNumber: string;
  status: string;
  holdKind: "RESERVATION" | "OFFER";
  reservedAt: Date;
  /** reservedAt − startsAt: how long after the start the hold was given. */
  timeToHoldMs: number;
  /** Null when the shopper is not among the recorded entrants (a sale from before entrants were kept). */
  entryToken: string | null;
  via: EntrantVia | null;
  drawPosition: number | null;
  addressBlock: string | null;
  deviceId: string | null;
}

/** Units given to the entrants of one address block or one device. */
export interface ShareRow {
  key: string;
  /** Entrants (accounts) from this block or device. */
  accounts: number;
  /** Holds given to them. */
  units: number;
  /** units ÷ all units given. */
  share: number;
  /** accounts ÷ all entrants: the share a block or device would get if every entrant were equal. */
  expectedShare: number;
}

export interface ShareTable {
  /** The largest, by units then accounts; `top` of them. */
  rows: ShareRow[];
  /** Everything below the top rows, summed. */
  rest: { keys: number; accounts: number; units: number; share: number };
  /** Entrants and units with no known block or device. */
  unknown: { accounts: number; units: number; share: number };
  totalUnits: number;
  totalAccounts: number;
}

export type ClusterKind = "BLOCK" | "DEVICE";

export type ClusterSignal =
  /** More attempts (accounts admitted + attempts turned away by the limits) than the allowance. */
  | { kind: "OVER_ALLOWANCE"; attempts: number; allowance: number }
  /** At least `entries` accounts entered within `windowMs`, the first at `at`. */
  | { kind: "BURST"; entries: number; windowMs: number; at: Date }
  /** Every entry the allowance grants was used. On its own only worth watching. */
  | { kind: "AT_ALLOWANCE"; accounts: number; allowance: number };

export interface Cluster {
  kind: ClusterKind;
  key: string;
  accounts: number;
  /** Attempts from here turned away by the block or device limit (0 when not recorded). */
  refused: number;
  units: number;
  /** For a device, the address blocks its accounts entered from; for a block, the devices. */
  related: string[];
  signals: ClusterSignal[];
  /** AUTOMATED: a signal people rarely produce. WATCH: busy, but people do this too. */
  verdict: "AUTOMATED" | "WATCH";
}

export type DenialStage = "lobby" | "buy";

export interface DenialRow {
  stage: DenialStage;
  reason: string;
  count: number;
}

export interface HistogramBin {
  label: string;
  fromMs: number;
  /** Exclusive; null for the last, open-ended bin. */
  toMs: number | null;
  count: number;
}

export interface DrawSection {
  commitment: string;
  /** Published once the sale has ended; null before. */
  seed: string | null;
  /** sha256(seed) = commitment; null while the seed is not shown or the sale has none. */
  seedMatchesCommitment: boolean | null;
  drawnAt: Date | null;
  /** How many were in the lobby at the draw. */
  drawEntrants: number | null;
  /** Entry tokens by recorded position, position 1 first. */
  order: Array<{ position: number; entryToken: string }>;
  /** Every recorded entry token is sha1(commitment|userId); null when nothing is recorded. */
  tokensMatch: boolean | null;
  /** drawOrder(seed, tokens) gives the recorded order; null until the draw is recorded. */
  rederived: { matches: boolean; firstMismatch: number | null } | null;
  /** Holds at the draw went to positions 1…n with nobody skipped; null until recorded. */
  winnersAreFirst: boolean | null;
}

export interface FairnessReport {
  generatedAt: Date;
  sale: {
    id: string;
    slug: string;
    title: string;
    state: SaleState;
    openingMode: OpeningMode;
    startsAt: Date;
    endsAt: Date;
    lobbyOpensAt: Date | null;
    totalStock: number;
    ended: boolean;
  };
  /** Where the figures came from: Redis still held the sale's keys, and what was filed into Postgres. */
  source: { redis: boolean; entrantsFiled: number; denialsSnapshotted: boolean };
  entrants: { total: number; lobby: number; buy: number; withBlock: number; withDevice: number };
  /** Null for a first-come sale. */
  draw: DrawSection | null;
  winners: WinnerRecord[];
  timeToHold: { bins: HistogramBin[]; medianMs: number | null; p90Ms: number | null };
  shares: { blocks: ShareTable; devices: ShareTable };
  clusters: Cluster[];
  denials: { rows: DenialRow[]; total: number; source: "redis" | "snapshot" | "none" };
  rules: {
    entriesPerBlock: number;
    entriesPerDevice: number;
    burstWindowMs: number;
    burstMinPerBlock: number;
    burstMinPerDevice: number;
  };
  /** Every entrant, for the downloads (the page shows counts and tops). */
  entrantList: EntrantRecord[];
}

/** What the admin page receives: the report without the full entrant list (the downloads have it). */
export type FairnessReportView = Omit<FairnessReport, "entrantList"> & { entrantCount: number };
