// GET /api/sales/:slug/draw on the real stack: before the sale has ended the record shows the
// commitment, how many entered and when the draw ran, never the seed; after, the seed and every
// entry token in drawn order, from which anyone re-derives the order and the winners. No account
// id, email, address block or device appears in it at any time.
import { describe, expect, it } from "vitest";
import { commitmentOf, drawOrder } from "~/server/fair-draw/draw-order";
import { adjustHotState } from "~/server/inventory/hot-state";
import { createArmedSale, createUsers, eventually, uniqueId } from "~/testing/fixtures";
import { mapConcurrently, moveStart } from "~/testing/fair-draw";
import { harnessForFile } from "~/testing/harness";
import { DRAW_RULE } from "./draw-record";
import { createDrawRecordHandler } from "./draw-record-route";

const h = harnessForFile();

const ENTRANTS = 12;
const UNITS = 4;

const handler = createDrawRecordHandler(() => ({
  drawRecord: (slug) => h.services.storefront.drawRecord(slug),
  logError: () => undefined,
}));
const get = (slug: string) => handler(new Request(`http://localhost/api/sales/${slug}/draw`), slug);

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

async function lobbyOf(count: number) {
  const users = await createUsers(h.db, count);
  const sale = await createArmedSale(h.deps, {
    openingMode: "FAIR_DRAW",
    totalStock: UNITS,
    lobbyMinutes: 30,
    startsAt: new Date(Date.now() + 10 * 60_000),
  });
  await mapConcurrently(users, 6, (user, index) =>
    h.services.lobby.enter({
      saleId: sale.id,
      userId: user.id,
      origin: { addressBlock: `10.9.${index}.0/24`, deviceId: `record-device-${index}` },
      clientIp: null,
    }),
  );
  return { sale, users };
}

/** Every private thing the record must never carry. */
function privateStrings(users: Array<{ id: string; email: string }>, seed: string | null) {
  return [
    ...users.flatMap((user) => [user.id, user.email]),
    ...users.map((_, index) => `10.9.${index}.0/24`),
    ...users.map((_, index) => `record-device-${index}`),
    ...(seed ? [seed] : []),
  ];
}

describe("the public draw record", () => {
  it("before the end: the commitment, the entrants and the draw time, and nothing private", async () => {
    const { sale, users } = await lobbyOf(ENTRANTS);
    const waiting = await get(sale.slug);
    expect(waiting.status).toBe(200);
    expect(waiting.headers.get("cache-control")).toBe("no-store");
    const before = (await waiting.json()) as Record<string, unknown>;
    expect(before).toEqual({
      sale: { slug: sale.slug, title: sale.title },
      rule: DRAW_RULE,
      commitment: sale.drawCommitment,
      drawAt: sale.startsAt.toISOString(),
      drawnAt: null,
      entrants: ENTRANTS,
      ended: false,
    });

    await moveStart(h.deps, sale.id, new Date());
    await h.services.lobby.drawIfDue(sale.id);
    const drawn = (await (await get(sale.slug)).json()) as Record<string, unknown>;
    expect(drawn).toMatchObject({ commitment: sale.drawCommitment, entrants: ENTRANTS, ended: false });
    expect(typeof drawn.drawnAt).toBe("string");
    expect(Object.keys(drawn).some((key) => ["seed", "order", "winners"].includes(key))).toBe(false);
    const body = JSON.stringify(drawn);
    for (const secret of privateStrings(users, sale.drawSeed)) expect(body).not.toContain(secret);
  });

  it("after the end: the seed and the drawn order, from which anyone re-derives the winners", async () => {
    const { sale, users } = await lobbyOf(ENTRANTS);
    await moveStart(h.deps, sale.id, new Date());
    await h.services.lobby.drawIfDue(sale.id);
    await h.services.lobby.persistDraw(sale.id);
    await eventually(
      async () => (await h.db.order.count({ where: { saleId: sale.id, status: "HELD" } })) === UNITS,
      "the winners' orders",
    );
    // The sale ends by its clock.
    const endsAt = new Date(Date.now() - 1_000);
    await h.db.sale.update({ where: { id: sale.id }, data: { endsAt } });
    await adjustHotState(h.redis, h.namespace, sale.id, { endsAt });

    const response = await get(sale.slug);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    const record = (await response.json()) as {
      commitment: string;
      seed: string;
      order: string[];
      winners: string[];
      entrants: number;
      ended: boolean;
      complete: boolean;
    };
    expect(record).toMatchObject({ ended: true, complete: true, entrants: ENTRANTS, seed: sale.drawSeed });

    // What anyone can check with the record alone:
    expect(commitmentOf(record.seed)).toBe(record.commitment);
    expect(record.order).toHaveLength(ENTRANTS);
    expect(drawOrder(record.seed, shuffled(record.order))).toEqual(record.order);
    expect(record.winners).toEqual(record.order.slice(0, UNITS));
    // …and it matches what Postgres recorded.
    const rows = await h.db.saleEntrant.findMany({ where: { saleId: sale.id }, orderBy: { drawPosition: "asc" } });
    expect(rows.map((row) => row.entryToken)).toEqual(record.order);

    const body = JSON.stringify(record);
    for (const secret of privateStrings(users, null)) expect(body).not.toContain(secret);
  });

  it("no record for a first-come sale, a draft, an unknown address; bad input is a 400", async () => {
    const firstCome = await createArmedSale(h.deps);
    const draft = await createArmedSale(h.deps, { openingMode: "FAIR_DRAW", state: "DRAFT" });
    expect((await get(firstCome.slug)).status).toBe(404);
    expect(await (await get(firstCome.slug)).json()).toEqual({
      error: "This sale does not open with a fair draw, so it has no draw record.",
    });
    expect((await get(draft.slug)).status).toBe(404);
    expect((await get(uniqueId("nope-"))).status).toBe(404);
    expect((await get("a".repeat(65))).status).toBe(400);
    expect((await get("bad\u0000slug")).status).toBe(400);
  });
});
