// Checks a recorded draw against its published rule (docs/fair-opening.md): the seed matches its
// commitment, every entry token is the one the rule names, and sorting the tokens by
// sha1(seed|token) gives exactly the recorded positions. Pure, apart from hashing.
import { commitmentOf, drawOrder, entryTokenOf } from "~/server/fair-draw/draw-order";
import type { DrawSection, EntrantRecord } from "./types";

export interface DrawFacts {
  commitment: string;
  /** Known to the server; shown only when `reveal` is set. */
  seed: string | null;
  reveal: boolean;
  drawnAt: Date | null;
  drawEntrants: number | null;
  entrants: readonly EntrantRecord[];
  /** Users given a hold by the draw itself (their first hold, not one offered from the queue). */
  drawWinners: ReadonlySet<string>;
}

/** Entrants the draw placed, position 1 first. */
export function drawnEntrants(entrants: readonly EntrantRecord[]): Array<EntrantRecord & { drawPosition: number }> {
  return entrants
    .filter((entrant): entrant is EntrantRecord & { drawPosition: number } => entrant.drawPosition !== null)
    .sort((a, b) => a.drawPosition - b.drawPosition);
}

/** The first 1-based position where two orders differ, or null when they are the same. */
export function firstMismatch(recorded: readonly string[], derived: readonly string[]): number | null {
  const length = Math.max(recorded.length, derived.length);
  for (let index = 0; index < length; index++) {
    if (recorded[index] !== derived[index]) return index + 1;
  }
  return null;
}

export function checkDraw(facts: DrawFacts): DrawSection {
  const placed = drawnEntrants(facts.entrants);
  const recorded = placed.map((entrant) => entrant.entryToken);
  // Positions with gaps or repeats cannot be the rule's output, whatever the tokens say.
  const gap = placed.findIndex((entrant, index) => entrant.drawPosition !== index + 1);
  const mismatch =
    facts.seed && placed.length > 0
      ? (firstMismatch(recorded, drawOrder(facts.seed, recorded)) ?? (gap >= 0 ? gap + 1 : null))
      : null;
  const winnerPositions = placed.filter((entrant) => facts.drawWinners.has(entrant.userId)).map((e) => e.drawPosition);
  return {
    commitment: facts.commitment,
    seed: facts.reveal ? facts.seed : null,
    seedMatchesCommitment: facts.reveal && facts.seed ? commitmentOf(facts.seed) === facts.commitment : null,
    drawnAt: facts.drawnAt,
    drawEntrants: facts.drawEntrants,
    order: placed.map((entrant) => ({ position: entrant.drawPosition, entryToken: entrant.entryToken })),
    tokensMatch:
      placed.length === 0
        ? null
        : placed.every((entrant) => entrant.entryToken === entryTokenOf(facts.commitment, entrant.userId)),
    rederived: facts.seed && placed.length > 0 ? { matches: mismatch === null, firstMismatch: mismatch } : null,
    winnersAreFirst: placed.length === 0 ? null : winnerPositions.every((position, index) => position === index + 1),
  };
}
