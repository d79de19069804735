// sale.* as the storefront pages call it: stored columns, the phase, and the live figures from
// Redis in the same answer, so no page reads Redis itself.
import { describe, expect, it } from "vitest";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale, createUsers, sessionFor, uniqueId } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";
import { errorOf } from "./admin/admin-testing";

const h = harnessForFile();

// The list shows a page of running sales, the latest to open first; other test files share the
// database, so these sales open at the latest moment a running sale can: now.
const justOpened = () => new Date();

describe("sale.list", () => {
  it("carries each sale's live figures beside its phase", async () => {
    const sale = await createArmedSale(h.deps, { totalStock: 4, startsAt: justOpened() });
    const [shopper] = await createUsers(h.db, 1);
    await h.caller(sessionFor(shopper!)).purchase.reserve({ saleId: sale.id });

    const listed = (await h.caller(null).sale.list()).find((row) => row.id === sale.id);
    expect(listed).toMatchObject({ phase: "live", totalStock: 4 });
    expect(listed?.live).toMatchObject({ saleId: sale.id, stockLeft: 3, total: 4, state: "PUBLISHED" });
  });

  it("lists a sale Redis has lost without live figures, rather than failing", async () => {
    const sale = await createArmedSale(h.deps, { startsAt: justOpened() });
    await h.redis.del(saleKeys(h.namespace, sale.id).sale);
    const listed = (await h.caller(null).sale.list()).find((row) => row.id === sale.id);
    expect(listed).toMatchObject({ phase: "live", live: null });
  });
});

describe("sale.bySlug", () => {
  it("answers the sale, its phase, its live figures and the server's time", async () => {
    const sale = await createArmedSale(h.deps, { state: "PAUSED", totalStock: 6 });
    const before = Date.now();
    const found = await h.caller(null).sale.bySlug({ slug: sale.slug });
    expect(found).toMatchObject({ id: sale.id, phase: "paused", state: "PAUSED" });
    expect(found.live).toMatchObject({ saleId: sale.id, stockLeft: 6, total: 6, state: "PAUSED" });
    expect(found.serverNow.getTime()).toBeGreaterThanOrEqual(before);
  });

  it("does not show drafts or unknown slugs", async () => {
    const draft = await createArmedSale(h.deps, { state: "DRAFT" });
    expect((await errorOf(h.caller(null).sale.bySlug({ slug: draft.slug }))).code).toBe("NOT_FOUND");
    expect((await errorOf(h.caller(null).sale.bySlug({ slug: uniqueId("nope-") }))).code).toBe("NOT_FOUND");
  });

  it.each([
    ["a NUL", "summer\u0000drop"],
    ["nothing", ""],
    ["65 characters", "a".repeat(65)],
  ])("refuses a slug with %s as bad input, not a server error", async (_label, slug) => {
    expect((await errorOf(h.caller(null).sale.bySlug({ slug }))).code).toBe("BAD_REQUEST");
  });
});

describe("how a sale opens, as the storefront sees it", () => {
  it("a fair draw: its mode, when its lobby opens, whether a challenge is asked, the age rule; never the seed", async () => {
    // Just opened, to be on the list's first page (see above).
    const startsAt = justOpened();
    const sale = await createArmedSale(h.deps, {
      openingMode: "FAIR_DRAW",
      lobbyMinutes: 20,
      challengeCost: 5_000,
      minAccountAgeDays: 3,
      startsAt,
    });
    const found = await h.caller(null).sale.bySlug({ slug: sale.slug });
    expect(found).toMatchObject({
      openingMode: "FAIR_DRAW",
      lobbyOpensAt: new Date(startsAt.getTime() - 20 * 60_000),
      challengeRequired: true,
      minAccountAgeDays: 3,
    });
    for (const hidden of ["drawSeed", "drawCommitment", "lobbyMinutes", "challengeCost"]) {
      expect(found).not.toHaveProperty(hidden);
    }
    expect(JSON.stringify(found)).not.toContain(sale.drawSeed!);

    const listed = (await h.caller(null).sale.list()).find((row) => row.id === sale.id);
    expect(listed).toMatchObject({ openingMode: "FAIR_DRAW", challengeRequired: true, minAccountAgeDays: 3 });
    expect(JSON.stringify(listed)).not.toContain(sale.drawSeed!);
  });

  it("first come: no lobby, no challenge, any account", async () => {
    const sale = await createArmedSale(h.deps);
    expect(await h.caller(null).sale.bySlug({ slug: sale.slug })).toMatchObject({
      openingMode: "FIRST_COME",
      lobbyOpensAt: null,
      challengeRequired: false,
      minAccountAgeDays: 0,
    });
  });
});

describe("order.status", () => {
  it("refuses a sale id with control characters as bad input", async () => {
    const [shopper] = await createUsers(h.db, 1);
    const error = await errorOf(h.caller(sessionFor(shopper!)).order.status({ saleId: "a\u0001b" }));
    expect(error.code).toBe("BAD_REQUEST");
  });
});
