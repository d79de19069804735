// How a sale opens, through admin.sale.create / update on the real stack: a fair draw gets its seed
// and commitment on save (the audit keeps only the commitment), always keeps its waitlist, and
// reaches Redis with its lobby, challenge and age rule; once its lobby has opened the mode, the
// lobby's length and the start are refused on their fields, and after the draw the mode is.
import { describe, expect, it } from "vitest";
import { saleToFormState, type SaleFormState } from "~/lib/sale-form/form-state";
import { commitmentOf } from "~/server/fair-draw/draw-order";
import { saleKeys } from "~/server/inventory/keys";
import { createArmedSale, createUsers } from "~/testing/fixtures";
import { moveStart } from "~/testing/fair-draw";
import { harnessForFile } from "~/testing/harness";
import { errorOf, fieldErrorsOf, newAdmin, validForm } from "./admin-testing";

const h = harnessForFile();

const MINUTE = 60_000;
const DAY = 86_400_000;
type Sale = Awaited<ReturnType<typeof createArmedSale>>;
const formOf = (sale: Sale, overrides: Partial<SaleFormState> = {}) => ({
  ...saleToFormState(sale, "UTC"),
  ...overrides,
  id: sale.id,
});
const secretOf = (id: string) =>
  h.db.sale.findUniqueOrThrow({ where: { id }, select: { drawSeed: true, drawCommitment: true } });
async function hotFields(saleId: string) {
  const fields = await h.redis.hmget<Record<string, unknown>>(
    saleKeys(h.namespace, saleId).sale,
    "mode",
    "seed",
    "commit",
    "lobbyAt",
    "pow",
    "minAgeMs",
    "waitlist",
  );
  return Object.fromEntries(
    Object.entries(fields ?? {}).map(([key, value]) => [key, value == null ? null : String(value)]),
  );
}
const utc = (date: Date) => date.toISOString().slice(0, 16);

describe("creating a fair draw", () => {
  it("stores a fresh seed and its commitment, forces the waitlist on, and audits the commitment only", async () => {
    const session = await newAdmin(h.db);
    const view = await h.caller(session).admin.sale.create(
      validForm({
        openingMode: "FAIR_DRAW",
        lobbyMinutes: "45",
        challengeCost: "50,000",
        minAccountAgeDays: "7",
        waitlistEnabled: false,
      }),
    );
    expect(view).toMatchObject({
      openingMode: "FAIR_DRAW",
      lobbyMinutes: 45,
      challengeCost: 50_000,
      minAccountAgeDays: 7,
      waitlistEnabled: true,
    });
    expect(view.lobbyOpensAt).toEqual(new Date(view.startsAt.getTime() - 45 * MINUTE));
    expect(view).not.toHaveProperty("drawSeed");
    const { drawSeed, drawCommitment } = await secretOf(view.id);
    expect(drawSeed).toMatch(/^[0-9a-f]{64}$/);
    expect(drawCommitment).toBe(commitmentOf(drawSeed!));
    expect(view.drawCommitment).toBe(drawCommitment);

    const [entry] = await h.db.auditLog.findMany({ where: { entityId: view.id } });
    expect(entry!.after).toMatchObject({ openingMode: "FAIR_DRAW", drawCommitment, waitlistEnabled: true });
    expect(JSON.stringify(entry)).not.toContain(drawSeed!);
  });

  it("a first-come sale gets no seed; each fair draw gets its own", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const firstCome = await admin.admin.sale.create(validForm());
    expect(await secretOf(firstCome.id)).toEqual({ drawSeed: null, drawCommitment: null });
    const [a, b] = await Promise.all([
      admin.admin.sale.create(validForm({ openingMode: "FAIR_DRAW" })),
      admin.admin.sale.create(validForm({ openingMode: "FAIR_DRAW" })),
    ]);
    expect((await secretOf(a.id)).drawSeed).not.toBe((await secretOf(b.id)).drawSeed);
  });

  it("publishing arms Redis with the draw: mode, seed, commitment, lobby, challenge and age rule", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const draft = await admin.admin.sale.create(
      validForm({ openingMode: "FAIR_DRAW", lobbyMinutes: "20", challengeCost: "1000", minAccountAgeDays: "3" }),
    );
    await admin.admin.sale.publish({ id: draft.id });
    const { drawSeed, drawCommitment } = await secretOf(draft.id);
    expect(await hotFields(draft.id)).toEqual({
      mode: "draw",
      seed: drawSeed,
      commit: drawCommitment,
      lobbyAt: String(draft.startsAt.getTime() - 20 * MINUTE),
      pow: "1",
      minAgeMs: String(3 * DAY),
      waitlist: "1",
    });
  });
});

describe("turning a published sale into a fair draw before its lobby opens", () => {
  it("seeds it, and the live-edit path carries every opening field to Redis, with one audit row", async () => {
    const session = await newAdmin(h.db);
    const sale = await createArmedSale(h.deps, {
      startsAt: new Date(Date.now() + 2 * 60 * MINUTE),
      endsAt: new Date(Date.now() + 4 * 60 * MINUTE),
    });
    const view = await h.caller(session).admin.sale.update(
      formOf(sale, {
        openingMode: "FAIR_DRAW",
        lobbyMinutes: "20",
        challengeCost: "200000",
        minAccountAgeDays: "30",
      }),
    );
    expect(view).toMatchObject({ openingMode: "FAIR_DRAW", waitlistEnabled: true, lobbyOpen: false });
    const { drawSeed, drawCommitment } = await secretOf(sale.id);
    expect(drawCommitment).toBe(commitmentOf(drawSeed!));
    expect(await hotFields(sale.id)).toEqual({
      mode: "draw",
      seed: drawSeed,
      commit: drawCommitment,
      lobbyAt: String(sale.startsAt.getTime() - 20 * MINUTE),
      pow: "1",
      minAgeMs: String(30 * DAY),
      waitlist: "1",
    });

    const audit = await h.db.auditLog.findMany({ where: { entityId: sale.id } });
    expect(audit.map((entry) => [entry.action, entry.actorId, entry.before, entry.after])).toEqual([
      [
        "sale.update",
        session.user.id,
        {
          waitlistEnabled: false,
          openingMode: "FIRST_COME",
          lobbyMinutes: 10,
          challengeCost: 0,
          minAccountAgeDays: 0,
          drawCommitment: null,
        },
        {
          waitlistEnabled: true,
          openingMode: "FAIR_DRAW",
          lobbyMinutes: 20,
          challengeCost: 200_000,
          minAccountAgeDays: 30,
          drawCommitment,
        },
      ],
    ]);
    expect(JSON.stringify(audit)).not.toContain(drawSeed!);
  });

  it("back to first come keeps the seed it was given (a later switch back shows the same commitment)", async () => {
    const admin = h.caller(await newAdmin(h.db));
    const sale = await createArmedSale(h.deps, {
      openingMode: "FAIR_DRAW",
      startsAt: new Date(Date.now() + 2 * 60 * MINUTE),
      endsAt: new Date(Date.now() + 4 * 60 * MINUTE),
    });
    const view = await admin.admin.sale.update(formOf(sale, { openingMode: "FIRST_COME" }));
    expect(view.openingMode).toBe("FIRST_COME");
    expect(await secretOf(sale.id)).toEqual({ drawSeed: sale.drawSeed, drawCommitment: sale.drawCommitment });
    expect((await hotFields(sale.id)).mode).toBe("first");
  });
});

describe("once the lobby has opened", () => {
  const lobbyOpenSale = () =>
    createArmedSale(h.deps, {
      openingMode: "FAIR_DRAW",
      lobbyMinutes: 30,
      waitlistEnabled: true,
      startsAt: new Date(Math.ceil((Date.now() + 10 * MINUTE) / MINUTE) * MINUTE),
      endsAt: new Date(Date.now() + 3 * 60 * MINUTE),
    });

  it.each([
    [
      "openingMode",
      () => ({ openingMode: "FIRST_COME" as const }),
      "The opening mode cannot change once the lobby has opened: shoppers are already entering.",
    ],
    ["lobbyMinutes", () => ({ lobbyMinutes: "5" }), "The lobby's length cannot change once the lobby has opened."],
    [
      "startsAt",
      () => ({ startsAt: utc(new Date(Date.now() + 60 * MINUTE)) }),
      "The start cannot change once the lobby has opened: the draw runs at the start shoppers were shown.",
    ],
  ] as const)("a new %s is refused on its field, and nothing changes", async (field, overrides, message) => {
    const sale = await lobbyOpenSale();
    const before = await hotFields(sale.id);
    const error = await errorOf(h.caller(await newAdmin(h.db)).admin.sale.update(formOf(sale, overrides())));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe(message);
    expect(fieldErrorsOf(error)).toEqual({ [field]: [message] });
    expect(await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } })).toEqual(sale);
    expect(await hotFields(sale.id)).toEqual(before);
    expect(await h.db.auditLog.count({ where: { entityId: sale.id } })).toBe(0);
  });

  it("the editor is told in advance: the view locks those three fields", async () => {
    const sale = await lobbyOpenSale();
    const view = await h.caller(await newAdmin(h.db)).admin.sale.byId({ id: sale.id });
    expect(view.lobbyOpen).toBe(true);
    expect(Object.keys(view.locked).sort()).toEqual(["lobbyMinutes", "openingMode", "startsAt"]);
  });

  it("the challenge and the age rule still change, and reach Redis", async () => {
    const sale = await lobbyOpenSale();
    const view = await h
      .caller(await newAdmin(h.db))
      .admin.sale.update(formOf(sale, { challengeCost: "100000", minAccountAgeDays: "2", title: "Harder now" }));
    expect(view).toMatchObject({ title: "Harder now", challengeCost: 100_000, minAccountAgeDays: 2 });
    expect(await hotFields(sale.id)).toMatchObject({ pow: "1", minAgeMs: String(2 * DAY), mode: "draw" });
    // And off again.
    await h
      .caller(await newAdmin(h.db))
      .admin.sale.update(formOf(sale, { challengeCost: "0", minAccountAgeDays: "0" }));
    expect(await hotFields(sale.id)).toMatchObject({ pow: "0", minAgeMs: "0" });
  });

  it("after the draw, changing the mode is refused as such", async () => {
    const [entrant] = await createUsers(h.db, 1);
    const sale = await lobbyOpenSale();
    await h.services.lobby.enter({
      saleId: sale.id,
      userId: entrant!.id,
      origin: { addressBlock: null, deviceId: null },
      clientIp: null,
    });
    await moveStart(h.deps, sale.id, new Date());
    expect(await h.services.lobby.drawIfDue(sale.id)).toMatchObject({ ran: true });
    await h.services.lobby.persistDraw(sale.id);
    const drawn = await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } });
    expect(drawn.drawnAt).not.toBeNull();
    const error = await errorOf(
      h.caller(await newAdmin(h.db)).admin.sale.update(formOf(drawn, { openingMode: "FIRST_COME" })),
    );
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(fieldErrorsOf(error)).toEqual({ openingMode: ["The opening mode cannot change after the draw."] });
    expect((await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } })).openingMode).toBe("FAIR_DRAW");
  });
});

describe("bad opening settings and closed sales", () => {
  it.each([
    ["challengeCost", "500", "Enter 0 for no challenge, or a cost from 1,000 to 1,000,000."],
    ["challengeCost", "2000000", "Enter 0 for no challenge, or a cost from 1,000 to 1,000,000."],
    ["lobbyMinutes", "0", "The lobby's length must be at least 1 minute."],
    ["lobbyMinutes", "1441", "The lobby's length can be at most 1440 minutes."],
    ["minAccountAgeDays", "3651", "The minimum account age can be at most 3,650 days (ten years)."],
    ["openingMode", "RAFFLE", "Pick how the sale opens: first come, first served, or a fair draw."],
  ] as const)("%s = %s → BAD_REQUEST on that field, nothing created", async (field, value, message) => {
    const form = validForm({ [field]: value } as Partial<SaleFormState>);
    const error = await errorOf(h.caller(await newAdmin(h.db)).admin.sale.create(form));
    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(error)).toEqual({ [field]: [message] });
    expect(await h.db.sale.findUnique({ where: { slug: form.slug } })).toBeNull();
  });

  it.each([
    ["openingMode", { openingMode: "FAIR_DRAW" as const }, "The opening mode cannot change after the sale has ended."],
    ["challengeCost", { challengeCost: "5000" }, "The challenge cost cannot change after the sale has ended."],
    [
      "minAccountAgeDays",
      { minAccountAgeDays: "9" },
      "The minimum account age cannot change after the sale has ended.",
    ],
  ] as const)("after the end a new %s is refused", async (field, overrides, message) => {
    const sale = await createArmedSale(h.deps, { state: "ENDED" });
    const error = await errorOf(h.caller(await newAdmin(h.db)).admin.sale.update(formOf(sale, overrides)));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(fieldErrorsOf(error)).toEqual({ [field]: [message] });
  });

  it("a running first-come sale cannot become a fair draw", async () => {
    const sale = await createArmedSale(h.deps);
    const error = await errorOf(
      h.caller(await newAdmin(h.db)).admin.sale.update(formOf(sale, { openingMode: "FAIR_DRAW" })),
    );
    expect(fieldErrorsOf(error)).toEqual({ openingMode: ["The opening mode cannot change once the sale is live."] });
    expect(await secretOf(sale.id)).toEqual({ drawSeed: null, drawCommitment: null });
  });
});
