import { describe, expect, it } from "vitest";
import { drawOrder, entryTokenOf, newDrawSeed } from "~/server/fair-draw/draw-order";
import { checkDraw, firstMismatch } from "./draw-check";
import type { EntrantRecord } from "./types";

const { seed, commitment } = newDrawSeed();
const users = Array.from({ length: 20 }, (_, index) => `user_${index}`);

/** Entrants placed as the rule places them. */
function drawn(): EntrantRecord[] {
  const tokens = users.map((userId) => entryTokenOf(commitment, userId));
  const order = drawOrder(seed, tokens);
  return users.map((userId, index) => ({
    userId,
    entryToken: tokens[index]!,
    via: "LOBBY",
    enteredAt: new Date(1_900_000_000_000 + index),
    drawPosition: order.indexOf(tokens[index]!) + 1,
    addressBlock: null,
    deviceId: null,
  }));
}
const winnersOf = (entrants: EntrantRecord[], count: number) =>
  new Set(entrants.filter((entrant) => entrant.drawPosition! <= count).map((entrant) => entrant.userId));
const facts = (entrants: EntrantRecord[], reveal = true) => ({
  commitment,
  seed,
  reveal,
  drawnAt: new Date(1_900_000_100_000),
  drawEntrants: entrants.length,
  entrants,
  drawWinners: winnersOf(entrants, 5),
});

describe("checkDraw", () => {
  it("an honest draw passes every check, its order listed by position", () => {
    const entrants = drawn();
    const section = checkDraw(facts(entrants));
    expect(section).toMatchObject({
      seed,
      seedMatchesCommitment: true,
      tokensMatch: true,
      rederived: { matches: true, firstMismatch: null },
      winnersAreFirst: true,
    });
    expect(section.order.map((row) => row.position)).toEqual(users.map((_, index) => index + 1));
    expect(section.order.map((row) => row.entryToken)).toEqual(
      drawOrder(
        seed,
        entrants.map((entrant) => entrant.entryToken),
      ),
    );
  });

  it("before the end the seed is not shown, but the order is still checked against it", () => {
    const section = checkDraw(facts(drawn(), false));
    expect(section).toMatchObject({ seed: null, seedMatchesCommitment: null, rederived: { matches: true } });
  });

  it("two swapped positions are caught at the first of them", () => {
    const entrants = drawn();
    const third = entrants.find((entrant) => entrant.drawPosition === 3)!;
    const seventh = entrants.find((entrant) => entrant.drawPosition === 7)!;
    [third.drawPosition, seventh.drawPosition] = [7, 3];
    expect(checkDraw(facts(entrants)).rederived).toEqual({ matches: false, firstMismatch: 3 });
  });

  it("a seed that is not the committed one, a forged token, a skipped winner: each caught", () => {
    const entrants = drawn();
    expect(checkDraw({ ...facts(entrants), seed: newDrawSeed().seed }).seedMatchesCommitment).toBe(false);

    const forged = drawn();
    forged[0]!.entryToken = entryTokenOf(commitment, "someone-else");
    expect(checkDraw(facts(forged)).tokensMatch).toBe(false);

    const skipped = {
      ...facts(entrants),
      drawWinners: new Set(
        [...winnersOf(entrants, 6)].filter((user) => {
          return entrants.find((entrant) => entrant.userId === user)!.drawPosition !== 2;
        }),
      ),
    };
    expect(checkDraw(skipped).winnersAreFirst).toBe(false);
  });

  it("a gap in the positions fails the re-derivation even when the tokens sort alike", () => {
    const entrants = drawn().map((entrant) => ({
      ...entrant,
      drawPosition: entrant.drawPosition! > 10 ? entrant.drawPosition! + 1 : entrant.drawPosition,
    }));
    expect(checkDraw(facts(entrants)).rederived).toEqual({ matches: false, firstMismatch: 11 });
  });

  it("nothing recorded yet: nothing to check", () => {
    const section = checkDraw({ ...facts([]), drawnAt: null, drawEntrants: null });
    expect(section).toMatchObject({ order: [], tokensMatch: null, rederived: null, winnersAreFirst: null });
  });

  it("firstMismatch names the 1-based position, or null for the same order", () => {
    expect(firstMismatch(["a", "b"], ["a", "b"])).toBeNull();
    expect(firstMismatch(["a", "b"], ["a", "c"])).toBe(2);
    expect(firstMismatch(["a"], ["a", "b"])).toBe(2);
  });
});
