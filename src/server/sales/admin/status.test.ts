import { describe, expect, it } from "vitest";
import type { SaleState } from "~/lib/sale";
import { allowedActions, editPhase, lockedFields } from "./status";

const now = new Date("2030-01-01T12:00:00Z");
const hour = (offset: number) => new Date(now.getTime() + offset * 3_600_000);
const sale = (state: SaleState, start: number, end: number) => ({ state, startsAt: hour(start), endsAt: hour(end) });

const CHECKOUT = ["holdMinutes", "offerMinutes", "waitlistEnabled"] as const;
const CLOSED_LOCKED = ["price", "currency", "startsAt", "endsAt", "totalStock", "slug", ...CHECKOUT] as const;

describe("editPhase and lockedFields", () => {
  it.each([
    [sale("DRAFT", -5, -4), "OPEN", []],
    [sale("PUBLISHED", 1, 2), "OPEN", []],
    [sale("PAUSED", 1, 2), "OPEN", []],
    [sale("PUBLISHED", -1, 1), "RUNNING", ["price", "currency", "startsAt", "slug"]],
    [sale("PAUSED", -1, 1), "RUNNING", ["price", "currency", "startsAt", "slug"]],
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
