import { describe, expect, it } from "vitest";
import type { SaleState } from "~/lib/sale";
import { allowedActions, editPhase, lobbyHasOpened, lockedFields, saleLocks } from "./status";

const now = new Date("2030-01-01T12:00:00Z");
const hour = (offset: number) => new Date(now.getTime() + offset * 3_600_000);
const sale = (state: SaleState, start: number, end: number) => ({ state, startsAt: hour(start), endsAt: hour(end) });

const CHECKOUT = ["holdMinutes", "offerMinutes", "waitlistEnabled"] as const;
const OPENING = ["openingMode", "lobbyMinutes", "challengeCost", "minAccountAgeDays"] as const;
const CLOSED_LOCKED = [
  "price",
  "currency",
  "startsAt",
  "endsAt",
  "totalStock",
  "slug",
  ...CHECKOUT,
  ...OPENING,
] as const;
const RUNNING_LOCKED = ["price", "currency", "startsAt", "slug", "openingMode", "lobbyMinutes"] as const;

describe("editPhase and lockedFields", () => {
  it.each([
    [sale("DRAFT", -5, -4), "OPEN", []],
    [sale("PUBLISHED", 1, 2), "OPEN", []],
    [sale("PAUSED", 1, 2), "OPEN", []],
    [sale("PUBLISHED", -1, 1), "RUNNING", RUNNING_LOCKED],
    [sale("PAUSED", -1, 1), "RUNNING", RUNNING_LOCKED],
    [sale("ENDED", -1, 1), "CLOSED", CLOSED_LOCKED],
    [sale("PUBLISHED", -2, -1), "CLOSED", CLOSED_LOCKED],
  ] as const)("%o is %s, locking %j", (input, phase, locked) => {
    expect(editPhase(input, now)).toBe(phase);
    expect(Object.keys(lockedFields(phase)).sort()).toEqual([...locked].sort());
  });

  it("title, description and image stay editable in every phase but archived", () => {
    for (const phase of ["OPEN", "RUNNING", "CLOSED"] as const) {
      const locked = lockedFields(phase);
      expect([locked.title, locked.description, locked.imageUrl]).toEqual([undefined, undefined, undefined]);
    }
    expect(lockedFields("ARCHIVED").title).toBe("Archived sales cannot be edited.");
  });

  it("the checkout settings change until the sale ends (they apply to new holds), then never", () => {
    for (const phase of ["OPEN", "RUNNING"] as const) {
      expect(CHECKOUT.map((field) => lockedFields(phase)[field])).toEqual([undefined, undefined, undefined]);
    }
    expect(lockedFields("CLOSED").waitlistEnabled).toBe("The waitlist cannot be switched after the sale has ended.");
    expect(CHECKOUT.map((field) => lockedFields("ARCHIVED")[field])).toEqual(
      CHECKOUT.map(() => "Archived sales cannot be edited."),
    );
  });
});

describe("a fair draw's locks", () => {
  const minutes = (offset: number) => new Date(now.getTime() + offset * 60_000);
  const draw = (state: SaleState, startInMinutes: number, lobbyMinutes = 30, drawnAt: Date | null = null) => ({
    state,
    startsAt: minutes(startInMinutes),
    endsAt: hour(3),
    openingMode: "FAIR_DRAW" as const,
    lobbyMinutes,
    drawnAt,
  });

  it("the lobby opens lobbyMinutes before the start, and never for a draft or a first-come sale", () => {
    expect(lobbyHasOpened(draw("PUBLISHED", 31), now)).toBe(false);
    expect(lobbyHasOpened(draw("PUBLISHED", 30), now)).toBe(true);
    expect(lobbyHasOpened(draw("PAUSED", 10), now)).toBe(true);
    expect(lobbyHasOpened(draw("DRAFT", 10), now)).toBe(false);
    expect(lobbyHasOpened({ ...draw("PUBLISHED", 10), openingMode: "FIRST_COME" }, now)).toBe(false);
  });

  it("before the lobby opens every opening field may change", () => {
    expect(saleLocks(draw("PUBLISHED", 45), now)).toEqual({});
    expect(saleLocks(draw("DRAFT", 5), now)).toEqual({});
  });

  it("once the lobby is open the mode, the lobby's length and the start are fixed; the rest is not", () => {
    const locks = saleLocks(draw("PUBLISHED", 10), now);
    expect(locks).toEqual({
      openingMode: "The opening mode cannot change once the lobby has opened: shoppers are already entering.",
      lobbyMinutes: "The lobby's length cannot change once the lobby has opened.",
      startsAt: "The start cannot change once the lobby has opened: the draw runs at the start shoppers were shown.",
    });
    expect([locks.challengeCost, locks.minAccountAgeDays, locks.totalStock]).toEqual([undefined, undefined, undefined]);
  });

  it("after the draw the mode cannot change, said as such", () => {
    expect(saleLocks(draw("PUBLISHED", -5), now).openingMode).toBe("The opening mode cannot change after the draw.");
    // Drawn early by the clock of Redis, recorded before this clock reached the start.
    expect(saleLocks(draw("PUBLISHED", 1, 30, minutes(0)), now).openingMode).toBe(
      "The opening mode cannot change after the draw.",
    );
  });

  it("a first-come sale keeps the plain phase rules", () => {
    const firstCome = { ...draw("PUBLISHED", 10), openingMode: "FIRST_COME" as const };
    expect(saleLocks(firstCome, now)).toEqual({});
    expect(saleLocks({ ...firstCome, startsAt: hour(-1) }, now).openingMode).toBe(
      "The opening mode cannot change once the sale is live.",
    );
  });

  it("after the end the phase's own reasons stand", () => {
    expect(saleLocks(draw("ENDED", -5), now).openingMode).toBe(
      "The opening mode cannot change after the sale has ended.",
    );
  });
});

describe("allowedActions", () => {
  it.each([
    [sale("DRAFT", 1, 2), 0, { publish: true, pause: false, resume: false, end: false, delete: true, archive: true }],
    [
      sale("PUBLISHED", -1, 1),
      0,
      { publish: false, pause: true, resume: false, end: true, delete: true, archive: false },
    ],
    [
      sale("PUBLISHED", -1, 1),
      3,
      { publish: false, pause: true, resume: false, end: true, delete: false, archive: false },
    ],
    [
      sale("PAUSED", -1, 1),
      3,
      { publish: false, pause: false, resume: true, end: true, delete: false, archive: false },
    ],
    [
      sale("ENDED", -1, 1),
      3,
      { publish: false, pause: false, resume: false, end: false, delete: false, archive: true },
    ],
    [
      sale("PUBLISHED", -2, -1),
      3,
      { publish: false, pause: false, resume: false, end: false, delete: false, archive: true },
    ],
  ] as const)("%o with %i holders allows %o", (input, holders, actions) => {
    expect(allowedActions(input, holders, now)).toEqual(actions);
  });
});
