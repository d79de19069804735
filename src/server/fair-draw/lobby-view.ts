// What a shopper sees of a fair draw, built from what Redis answered (see ~/lib/fair-draw): the
// lobby before the draw, the draw after it. The seed appears only once the sale is over.
import type { DrawView, LobbyView } from "~/lib/fair-draw";
import type { LobbyFacts } from "~/server/inventory/enter-lobby";
import type { SaleOpening } from "~/server/inventory/opening";
import { entryTokenOf } from "./draw-order";

/** The lobby as the shopper who just entered it finds it. */
export function lobbyViewOfEntry(facts: LobbyFacts, userId: string): LobbyView {
  return {
    opensAt: facts.opensAt,
    drawAt: facts.drawAt,
    entrants: facts.entrants,
    units: facts.units,
    entered: true,
    entryToken: entryTokenOf(facts.commitment, userId),
    commitment: facts.commitment,
  };
}

/** Before the draw; `enteredAt` is null when this shopper has not entered. */
export function lobbyViewOf(opening: SaleOpening, userId: string, enteredAt: number | null): LobbyView {
  const entered = enteredAt !== null;
  return {
    opensAt: opening.lobbyAt,
    drawAt: opening.startsAt,
    entrants: opening.lobbySize,
    units: opening.counters.stock,
    entered,
    entryToken: entered ? entryTokenOf(opening.commitment, userId) : null,
    commitment: opening.commitment,
  };
}

/** After the draw; `position` is null when this shopper was not in the lobby. */
export function drawViewOf(opening: SaleOpening, userId: string, position: number | null, now: number): DrawView {
  const over = opening.state === "ENDED" || now >= opening.endsAt;
  return {
    drawnAt: opening.drawnAt ?? 0,
    entrants: opening.drawEntrants,
    units: opening.counters.total,
    position,
    entryToken: position === null ? null : entryTokenOf(opening.commitment, userId),
    commitment: opening.commitment,
    seed: over && opening.seed !== "" ? opening.seed : null,
  };
}
