// Bad editor input through admin.sale.create / update: each refused, with its message on the
// field it belongs to and on no other field, and nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SaleFormState } from "~/lib/sale-form/form-state";
import type { SaleField } from "~/lib/sale-form/schema";
import { utcToZonedLocalInput } from "~/lib/sale-form/zoned-time";
import type { AppSession } from "~/server/auth/session";
import { createArmedSale } from "~/testing/fixtures";
import { createHarness, type Harness } from "~/testing/harness";
import { errorOf, fieldErrorsOf, newAdmin, validForm } from "./admin-testing";

let h: Harness;
let admin: AppSession;
beforeAll(async () => {
  h = await createHarness();
  admin = await newAdmin(h.db);
});
afterAll(async () => {
  await h.close();
});

const inUtc = (msFromNow: number) => utcToZonedLocalInput(new Date(Date.now() + msFromNow), "UTC");
const HOUR = 3_600_000;

const badInputs: Array<[string, Partial<SaleFormState>, SaleField]> = [
  ["an empty title", { title: "" }, "title"],
  ["a title of spaces only", { title: "   " }, "title"],
  ["a 10 kB title", { title: "x".repeat(10_240) }, "title"],
  ["a script tag in the title", { title: "<script>alert(1)</script>" }, "title"],
  ["a line break in the title", { title: "Two\nlines" }, "title"],
  ["a right-to-left override in the title", { title: "Sale \u202Egnp.exe" }, "title"],
  ["an upper-case slug", { slug: "Summer-Drop" }, "slug"],
  ["a two-letter slug", { slug: "ab" }, "slug"],
  ["a 61-character slug", { slug: "a".repeat(61) }, "slug"],
  ["a slug with spaces", { slug: "summer drop" }, "slug"],
  ["a slug with a double dash", { slug: "summer--drop" }, "slug"],
  ["a 2,001-character description", { description: "d".repeat(2_001) }, "description"],
  ["a javascript: image URL", { imageUrl: "javascript:alert(1)" }, "imageUrl"],
  ["a plain-http image URL", { imageUrl: "http://cdn.example.com/shoe.png" }, "imageUrl"],
  ["an image that is not a URL", { imageUrl: "shoe dot png" }, "imageUrl"],
  ["an image path outside /products/", { imageUrl: "/uploads/shoe.png" }, "imageUrl"],
  ["an image path climbing out of /products/", { imageUrl: "/products/../.env" }, "imageUrl"],
  ["a USD price with three decimals", { price: "129.999" }, "price"],
  ["a JPY price with decimals", { price: "1500.5", currency: "JPY" }, "price"],
  ["a negative price", { price: "-5" }, "price"],
  ["a USD price with a decimal comma", { price: "12,99" }, "price"],
  ["a euro price with a dot after its comma", { price: "1,234.50", currency: "EUR" }, "price"],
  ["a price above the maximum", { price: "100000.01" }, "price"],
  ["an empty price", { price: "" }, "price"],
  ["an unknown currency", { currency: "XXX" }, "currency"],
  ["an empty currency", { currency: "" }, "currency"],
  ["zero stock", { totalStock: "0" }, "totalStock"],
  ["negative stock", { totalStock: "-3" }, "totalStock"],
  ["enormous stock", { totalStock: "1000001" }, "totalStock"],
  ["fractional stock", { totalStock: "2.5" }, "totalStock"],
  ["stock that is not a number", { totalStock: "lots" }, "totalStock"],
  ["an end before the start", { startsAt: inUtc(2 * HOUR), endsAt: inUtc(HOUR) }, "endsAt"],
  ["an end equal to the start", { startsAt: inUtc(2 * HOUR), endsAt: inUtc(2 * HOUR) }, "endsAt"],
  ["a start in the past", { startsAt: inUtc(-10 * 60_000), endsAt: inUtc(HOUR) }, "startsAt"],
  ["a start on 30 February", { startsAt: "2031-02-30T10:00", endsAt: "2031-03-02T10:00" }, "startsAt"],
  ["a start that is not a date", { startsAt: "tomorrow" }, "startsAt"],
  [
    "a start the clocks skip (DST gap)",
    { startsAt: "2031-03-30T02:30", endsAt: "2031-03-30T09:00", timezone: "Europe/Paris" },
    "startsAt",
  ],
  ["an unknown time zone", { timezone: "Mars/Olympus_Mons" }, "timezone"],
  ["a raw offset instead of a zone", { timezone: "+05:00" }, "timezone"],
  ["an empty time zone", { timezone: "" }, "timezone"],
  ["an empty hold window", { holdMinutes: "" }, "holdMinutes"],
  ["a hold window of 0 minutes", { holdMinutes: "0" }, "holdMinutes"],
  ["a hold window over two hours", { holdMinutes: "121" }, "holdMinutes"],
  ["a fractional hold window", { holdMinutes: "2.5" }, "holdMinutes"],
  ["a hold window in words", { holdMinutes: "ten" }, "holdMinutes"],
  ["a hold window in exponent notation", { holdMinutes: "1e1" }, "holdMinutes"],
  ["an offer window of 0 minutes", { offerMinutes: "0" }, "offerMinutes"],
  ["an offer window over an hour", { offerMinutes: "61" }, "offerMinutes"],
  ["a negative offer window", { offerMinutes: "-1" }, "offerMinutes"],
];

describe("admin.sale.create refuses bad input on the right field", () => {
  it(`covers at least 25 cases (${badInputs.length})`, () => {
    expect(badInputs.length).toBeGreaterThanOrEqual(25);
  });

  it.each(badInputs)("%s → %s", async (_label, overrides, field) => {
    const form = validForm(overrides);
    const error = await errorOf(h.caller(admin).admin.sale.create(form));
    expect(error.code).toBe("BAD_REQUEST");
    const fieldErrors = fieldErrorsOf(error);
    expect(fieldErrors[field]?.[0]).toEqual(expect.any(String));
    expect(Object.keys(fieldErrors)).toEqual([field]);
    expect(await h.db.sale.findUnique({ where: { slug: form.slug } })).toBeNull();
  });

  it("a slug another sale uses is refused on the slug field, and nothing is created", async () => {
    const taken = await createArmedSale(h.deps, { state: "DRAFT" });
    const form = validForm({ slug: taken.slug, title: "Copycat" });
    const error = await errorOf(h.caller(admin).admin.sale.create(form));
    expect(error.code).toBe("CONFLICT");
    expect(fieldErrorsOf(error)).toEqual({ slug: ["Another sale already uses this slug. Pick a different one."] });
    expect(await h.db.sale.count({ where: { title: "Copycat", slug: taken.slug } })).toBe(0);
  });

  it("the messages say what to do", async () => {
    const error = await errorOf(h.caller(admin).admin.sale.create(validForm({ price: "129.999" })));
    expect(fieldErrorsOf(error).price).toEqual(["USD prices have at most 2 decimals."]);
    const jpy = await errorOf(h.caller(admin).admin.sale.create(validForm({ price: "1500.5", currency: "JPY" })));
    expect(fieldErrorsOf(jpy).price).toEqual(["JPY prices are whole amounts, without decimals."]);
    const usd = await errorOf(h.caller(admin).admin.sale.create(validForm({ price: "12,5" })));
    expect(fieldErrorsOf(usd).price).toEqual(["USD prices use a decimal point: write 12.5."]);
  });

  it("a decimal comma is a price where the currency is written with one", async () => {
    for (const [price, minor] of [
      ["12,5", 1_250],
      ["1.234,50", 123_450],
    ] as const) {
      const view = await h.caller(admin).admin.sale.create(validForm({ price, currency: "EUR" }));
      expect([view.priceMinor, view.currency]).toEqual([minor, "EUR"]);
    }
  });
});

describe("checkout settings of the wrong type, as any API caller could send them", () => {
  // Through JSON, as the wire carries them: the form itself only ever sends text and a boolean.
  const raw = (extra: Record<string, unknown>) =>
    JSON.parse(JSON.stringify({ ...validForm(), ...extra })) as SaleFormState;

  it.each([
    ["holdMinutes", true, "Enter the hold window as a whole number of minutes, like 10."],
    ["holdMinutes", null, "Enter the hold window as a whole number of minutes, like 10."],
    ["holdMinutes", 7.5, "Enter the hold window as a whole number of minutes."],
    ["holdMinutes", 1e9, "The hold window can be at most 120 minutes."],
    ["offerMinutes", [5], "Enter the offer window as a whole number of minutes, like 5."],
    ["offerMinutes", -2, "The offer window must be at least 1 minute."],
    ["waitlistEnabled", "yes", "Turn the waitlist on or off (true or false)."],
    ["waitlistEnabled", 1, "Turn the waitlist on or off (true or false)."],
    ["waitlistEnabled", null, "Turn the waitlist on or off (true or false)."],
  ] as const)("%s = %j → BAD_REQUEST: %s", async (field, value, message) => {
    const form = raw({ [field]: value });
    const error = await errorOf(h.caller(admin).admin.sale.create(form));
    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(error)).toEqual({ [field]: [message] });
    expect(await h.db.sale.findUnique({ where: { slug: form.slug } })).toBeNull();
  });

  it("numbers are fine too: an API caller may send minutes as numbers", async () => {
    const view = await h.caller(admin).admin.sale.create(raw({ holdMinutes: 45, offerMinutes: 15 }));
    expect(view).toMatchObject({ holdSeconds: 2_700, offerSeconds: 900 });
  });
});

describe("admin.sale.update refuses bad input on the right field", () => {
  it("a slug another sale uses", async () => {
    const [mine, theirs] = await Promise.all([
      createArmedSale(h.deps, { state: "DRAFT" }),
      createArmedSale(h.deps, { state: "DRAFT" }),
    ]);
    const error = await errorOf(
      h.caller(await newAdmin(h.db)).admin.sale.update({ ...validForm({ slug: theirs.slug }), id: mine.id }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(Object.keys(fieldErrorsOf(error))).toEqual(["slug"]);
    expect((await h.db.sale.findUniqueOrThrow({ where: { id: mine.id } })).slug).toBe(mine.slug);
  });

  it("a scheduled sale's start moved into the past", async () => {
    const sale = await createArmedSale(h.deps, {
      startsAt: new Date(Date.now() + 2 * HOUR),
      endsAt: new Date(Date.now() + 4 * HOUR),
    });
    const form = validForm({ slug: sale.slug, startsAt: inUtc(-30 * 60_000), endsAt: inUtc(3 * HOUR) });
    const error = await errorOf(h.caller(await newAdmin(h.db)).admin.sale.update({ ...form, id: sale.id }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(error)).toEqual({ startsAt: ["The start is in the past. Pick a time from now on."] });
  });

  it("a bad hold window on update, on a live sale: BAD_REQUEST on that field, nothing changed", async () => {
    const sale = await createArmedSale(h.deps);
    const form = { ...validForm({ slug: sale.slug, holdMinutes: "0", offerMinutes: "90" }), id: sale.id };
    const error = await errorOf(h.caller(admin).admin.sale.update(form));
    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(error)).toEqual({
      holdMinutes: ["The hold window must be at least 1 minute."],
      offerMinutes: ["The offer window can be at most 60 minutes."],
    });
    expect(await h.db.sale.findUniqueOrThrow({ where: { id: sale.id } })).toMatchObject({
      holdSeconds: 600,
      offerSeconds: 300,
    });
  });

  it("a schema failure on update names the field too", async () => {
    const sale = await createArmedSale(h.deps, { state: "DRAFT" });
    const error = await errorOf(h.caller(admin).admin.sale.update({ ...validForm({ totalStock: "0" }), id: sale.id }));
    expect(Object.keys(fieldErrorsOf(error))).toEqual(["totalStock"]);
  });
});
