// A fair opening's vocabulary, defined once for browser and server: how a sale opens, what a
// shopper sees of its lobby and draw, and the plain words for a waitlisted shopper's chance.
// Pure and framework-free. The design is in docs/fair-opening.md.

/** FIRST_COME: the first to ask get the units. FAIR_DRAW: a lobby, then one shuffled draw at the start. */
export const OPENING_MODES = ["FIRST_COME", "FAIR_DRAW"] as const;
export type OpeningMode = (typeof OPENING_MODES)[number];

export const OPENING_MODE_LABELS: Record<OpeningMode, string> = {
  FIRST_COME: "First come, first served",
  FAIR_DRAW: "Fair draw",
};

/** Which proof the browser must bring on entering the lobby and on reserve, if any. */
export type ChallengeKind = "altcha" | "turnstile";

/**
 * A fair-draw sale before its draw, as one shopper sees it. Everyone who enters before `drawAt`
 * is equal: arrival time inside the lobby plays no part.
 */
export interface LobbyView {
  /** Epoch ms: entering is possible from here until `drawAt`. */
  opensAt: number;
  /** Epoch ms: the sale's start, when the draw runs. */
  drawAt: number;
  /** How many have entered so far, against `units`: the honest odds, early. */
  entrants: number;
  units: number;
  /** This shopper is in the lobby. */
  entered: boolean;
  /** This shopper's public entry token (see entryTokenOf in ~/server/fair-draw); null until entered. */
  entryToken: string | null;
  /** sha256 of the draw's seed, fixed before anyone entered; the seed is published after the sale. */
  commitment: string;
}

/** A fair-draw sale after its draw. */
export interface DrawView {
  drawnAt: number;
  entrants: number;
  units: number;
  /** This shopper's place in the drawn order (1-based); null when they were not in the lobby. */
  position: number | null;
  entryToken: string | null;
  commitment: string;
  /** Published once the sale has ended; null until then. */
  seed: string | null;
}

/**
 * A waitlisted shopper's chance of a released unit reaching them, in words. No percentages: the
 * inputs (how many holds are still unpaid and how often holds have lapsed so far) do not support them.
 */
export const CHANCES = ["LIKELY", "POSSIBLE", "UNLIKELY"] as const;
export type Chance = (typeof CHANCES)[number];

export const CHANCE_LABELS: Record<Chance, string> = {
  LIKELY: "likely",
  POSSIBLE: "possible",
  UNLIKELY: "unlikely",
};

/** What the chance estimate is made from: everything is already counted in the sale's Redis hash. */
export interface ChanceInputs {
  /** 1 is next in line. */
  position: number;
  /** Units free right now (an admin added some, or none yet handed on). */
  stock: number;
  /** Holds and offers still waiting for payment: each may come back. */
  unpaidHolds: number;
  /** Holds that have ended so far, by how: lapsed or let go vs paid. */
  released: number;
  paid: number;
}

/** The share of ended holds assumed to come back before any hold has ended: a coin toss. */
export const UNOBSERVED_RELEASE_RATE = 0.5;

/**
 * A waitlisted shopper's chance in words. The units that may still reach the queue are the free
 * stock plus the unpaid holds times the share of ended holds that were released rather than paid
 * (one half before any hold has ended). Within half of that: likely; within one and a half times
 * it (or at the head of the queue while a quarter of a unit is expected back): possible; further
 * back: unlikely.
 *
 * Before any hold has ended the rate is a guess, not an observation, so it never makes anyone
 * "likely": only a place within the units free right now does. Saying "likely" on a guess would be
 * the invented precision the page promises not to show.
 */
export function chanceOf(inputs: ChanceInputs): Chance {
  const stock = Math.max(0, inputs.stock);
  const ended = inputs.released + inputs.paid;
  const observed = ended > 0;
  const releaseRate = observed ? inputs.released / ended : UNOBSERVED_RELEASE_RATE;
  const expected = stock + Math.max(0, inputs.unpaidHolds) * releaseRate;
  if (inputs.position <= stock) return "LIKELY";
  if (observed && inputs.position <= expected / 2) return "LIKELY";
  if (inputs.position <= expected * 1.5) return "POSSIBLE";
  // With few holds out the band above is narrower than one place, yet the shopper at the head gets
  // the very next unit that comes back: possible once a quarter of a unit is expected back.
  if (inputs.position === 1 && expected >= 0.25) return "POSSIBLE";
  return "UNLIKELY";
}
