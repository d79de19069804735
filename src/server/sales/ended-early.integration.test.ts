// A sale an admin ends early records when it ended; the storefront shows that moment (not the
// planned end) and points at the next drop.
import { describe, expect, it } from "vitest";
import { createArmedSale, createUsers } from "~/testing/fixtures";
import { harnessForFile } from "~/testing/harness";

const h = harnessForFile();

describe("ending a sale early", () => {
  it("records endedAt, which the storefront answers beside the planned end", async () => {
    const [admin] = await createUsers(h.db, 1, "ADMIN");
    const sale = await createArmedSale(h.deps);
    const before = Date.now();
    expect((await h.services.admin.changeState(admin!.id, sale.id, "end")).ok).toBe(true);

    const page = await h.caller(null).sale.bySlug({ slug: sale.slug });
    expect(page.state).toBe("ENDED");
    expect(page.endedAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(page.endedAt!.getTime()).toBeLessThan(sale.endsAt.getTime());
    const listed = (await h.caller(null).sale.list()).find((row) => row.id === sale.id);
    expect(listed?.endedAt).toEqual(page.endedAt);
  });

  it("leaves endedAt empty for a sale that runs to its end, and a pause does not set it", async () => {
    const [admin] = await createUsers(h.db, 1, "ADMIN");
    const sale = await createArmedSale(h.deps);
    expect((await h.services.admin.changeState(admin!.id, sale.id, "pause")).ok).toBe(true);
    expect((await h.caller(null).sale.bySlug({ slug: sale.slug })).endedAt).toBeNull();
  });
});

describe("the next drop", () => {
  it("is the soonest upcoming published sale other than this one", async () => {
    const sale = await createArmedSale(h.deps);
    const soon = await createArmedSale(h.deps, { startsAt: new Date(Date.now() + 60_000) });
    const later = await createArmedSale(h.deps, { startsAt: new Date(Date.now() + 7_200_000) });
    const nextFromSale = (await h.caller(null).sale.bySlug({ slug: sale.slug })).nextDrop;
    // Other files share the database, so an even sooner sale may exist; never a later one or itself.
    expect(nextFromSale).not.toBeNull();
    expect(nextFromSale!.startsAt.getTime()).toBeLessThanOrEqual(soon.startsAt.getTime());
    expect(nextFromSale!.id).not.toBe(later.id);
    expect((await h.caller(null).sale.bySlug({ slug: soon.slug })).nextDrop?.id).not.toBe(soon.id);
  });
});
