// The sale editor's one schema, shared by the form (checks as the admin types) and the admin
// procedures (the same checks, authoritative). Input is what the form holds — text, a decimal
// price, local times plus a time zone, windows in minutes; output is what the sale stores — minor
// units, UTC instants, windows in seconds.
//
// The checkout settings (hold window, offer window, waitlist) and the opening settings (opening
// mode, lobby length, challenge cost, minimum account age) may be left out of an update: they then
// keep their stored values, so an editor page opened before they existed cannot switch a live
// sale's waitlist off by saving. A new sale left without them gets the defaults. A fair draw always
// has a waitlist (the entrants not drawn queue in drawn order), so choosing it switches the waitlist on.
//
// Titles refuse control characters, invisible direction marks and angle brackets: React escapes
// output anyway, but a title also travels into CSV exports, logs, mail subjects and link previews,
// where "<script>" or a right-to-left override is never meant and only confuses. Descriptions are
// plain text and may contain < and > (they are always rendered as text), but no control characters.
import { z } from "zod";
import { OPENING_MODES, type OpeningMode } from "~/lib/fair-draw";
import { saleIdSchema } from "~/lib/sale";
import { CURRENCY_DECIMALS, SUPPORTED_CURRENCIES, usesDecimalComma, type SupportedCurrency } from "./currencies";
import { formatMinorAsInput, parsePrice } from "./money-input";
import { SLUG_MAX, SLUG_MIN, SLUG_PATTERN } from "./slug";
import { isValidTimeZone, parseLocalDateTime, zonedLocalToUtc } from "./zoned-time";

export const SALE_LIMITS = {
  titleMax: 120,
  descriptionMax: 2_000,
  imageUrlMax: 2_048,
  priceMaxMinor: 10_000_000,
  stockMin: 1,
  stockMax: 1_000_000,
  /** A new sale may start this long ago: the time it takes to fill the form in and press Save. */
  startSlackMs: 60_000,
  yearMin: 2000,
  yearMax: 2100,
  /** How long a won unit is kept for payment, in minutes. */
  holdMinutesMin: 1,
  holdMinutesMax: 120,
  holdMinutesDefault: 10,
  /** How long a unit offered from the waitlist is kept, in minutes. */
  offerMinutesMin: 1,
  offerMinutesMax: 60,
  offerMinutesDefault: 5,
  /** How long before the start a fair draw's lobby opens, in minutes (a day at most). */
  lobbyMinutesMin: 1,
  lobbyMinutesMax: 1_440,
  lobbyMinutesDefault: 10,
  /**
   * The proof of work's cost: ALTCHA's `maxnumber`. The browser hashes numbers from 0 up until it
   * finds the secret one, drawn at random below it, so the average solve takes half of it. 0 asks
   * for no challenge; below 1,000 the work is too small to cost a bot anything.
   */
  challengeCostMin: 1_000,
  challengeCostMax: 1_000_000,
  /** Accounts younger than this many days are turned away; 0 admits every account. Ten years at most. */
  accountAgeDaysMax: 3_650,
} as const;

export const SALE_FIELDS = [
  "title",
  "slug",
  "description",
  "imageUrl",
  "price",
  "currency",
  "totalStock",
  "startsAt",
  "endsAt",
  "timezone",
  "holdMinutes",
  "offerMinutes",
  "waitlistEnabled",
  "openingMode",
  "lobbyMinutes",
  "challengeCost",
  "minAccountAgeDays",
] as const;
export type SaleField = (typeof SALE_FIELDS)[number];
/** Fields the form holds as text; the waitlist is a switch, the opening mode a choice of two. */
export type SaleTextField = Exclude<SaleField, "waitlistEnabled" | "openingMode">;

// Cc (controls, line breaks, tabs), zero-width characters, bidi overrides and isolates, BOM.
const INVISIBLE_OR_CONTROL = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;
// Descriptions keep line breaks and tabs.
const CONTROL_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const PRODUCT_PATH = /^\/products\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export function isAllowedImageUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  if (value.startsWith("/")) return PRODUCT_PATH.test(value) && !value.includes("..");
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname !== "" && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

function isLocalDateTimeInRange(text: string): boolean {
  const local = parseLocalDateTime(text);
  return local !== null && local.year >= SALE_LIMITS.yearMin && local.year <= SALE_LIMITS.yearMax;
}

const localDateTime = (what: string) =>
  z
    .string({ error: `Enter the ${what} date and time.` })
    .trim()
    .refine(
      isLocalDateTimeInRange,
      `Enter the ${what} as a date and time between ${SALE_LIMITS.yearMin} and ${SALE_LIMITS.yearMax}.`,
    );

/**
 * A window in whole minutes, typed in the form ("10") or sent as a number by an API caller. Only
 * plain digits are read as a number, so "1e1", "0x10" or true are refused instead of coerced.
 */
const wholeMinutes = (what: string, min: number, max: number, example: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : value),
    z
      .number({
        error: (issue) =>
          issue.input === undefined || (typeof issue.input === "string" && issue.input.trim() === "")
            ? `Enter the ${what} in minutes.`
            : `Enter the ${what} as a whole number of minutes, like ${example}.`,
      })
      .int(`Enter the ${what} as a whole number of minutes.`)
      .min(min, `The ${what} must be at least ${min} ${min === 1 ? "minute" : "minutes"}.`)
      .max(max, `The ${what} can be at most ${max} minutes.`),
  );

const isBlank = (input: unknown) => input === undefined || (typeof input === "string" && input.trim() === "");

/**
 * A whole number typed in the form ("5000", or "50,000" with thousands separated by commas) or sent
 * as a number. As with the windows, only plain digits are read, so "1e4" or true are refused.
 */
const wholeNumber = (what: string, example: string) =>
  z.preprocess(
    (value) =>
      typeof value === "string" && /^\s*\d{1,3}(?:,?\d{3}){0,2}\s*$/.test(value)
        ? Number(value.replaceAll(",", ""))
        : value,
    z
      .number({
        error: (issue) =>
          isBlank(issue.input) ? `Enter the ${what}.` : `Enter the ${what} as a whole number, like ${example}.`,
      })
      // Aborting keeps the range checks below from repeating what is already wrong.
      .int({ message: `Enter the ${what} as a whole number, like ${example}.`, abort: true })
      .min(0, { message: `The ${what} cannot be negative.`, abort: true }),
  );

const CHALLENGE_COST_RANGE = `${SALE_LIMITS.challengeCostMin.toLocaleString("en-US")} to ${SALE_LIMITS.challengeCostMax.toLocaleString("en-US")}`;

const fields = {
  title: z
    .string({ error: "Enter a title." })
    .trim()
    .min(1, "Enter a title.")
    .max(SALE_LIMITS.titleMax, `Keep the title to ${SALE_LIMITS.titleMax} characters or fewer.`)
    .refine(
      (title) => !INVISIBLE_OR_CONTROL.test(title),
      "Remove line breaks, tabs and invisible characters from the title.",
    )
    .refine((title) => !/[<>]/.test(title), "The title cannot contain < or >."),
  slug: z
    .string({ error: "Enter a slug." })
    .trim()
    .min(SLUG_MIN, `The slug needs at least ${SLUG_MIN} characters.`)
    .max(SLUG_MAX, `Keep the slug to ${SLUG_MAX} characters or fewer.`)
    .regex(SLUG_PATTERN, "Use lower-case letters, digits and single dashes (like summer-sneaker-drop)."),
  description: z
    .string({ error: "The description must be text." })
    .trim()
    .max(
      SALE_LIMITS.descriptionMax,
      `Keep the description to ${SALE_LIMITS.descriptionMax.toLocaleString("en-US")} characters or fewer.`,
    )
    .refine((text) => !CONTROL_EXCEPT_WHITESPACE.test(text), "Remove control characters from the description.")
    .default(""),
  imageUrl: z
    .string({ error: "The image must be an address." })
    .trim()
    .max(SALE_LIMITS.imageUrlMax, "That image address is too long.")
    .refine((url) => url === "" || isAllowedImageUrl(url), "Use an https:// address or a path under /products/.")
    .nullish(),
  price: z
    .string({ error: "Enter a price." })
    .trim()
    .min(1, "Enter a price.")
    // Digits and separators only here; how they read depends on the currency (see checkPrice).
    .regex(
      /^[\d.,\s\u00a0\u202f\u2009]*\d[\d.,\s\u00a0\u202f\u2009]*$/,
      "Enter the price as a plain number like 129.99.",
    ),
  currency: z
    .string({ error: "Pick a currency." })
    .trim()
    .toUpperCase()
    .pipe(z.enum(SUPPORTED_CURRENCIES, { error: "Pick one of the supported currencies." })),
  totalStock: z.coerce
    .number<string | number>({ error: "Enter the number of units." })
    .int("Stock is a whole number of units.")
    .min(SALE_LIMITS.stockMin, "Offer at least 1 unit.")
    .max(SALE_LIMITS.stockMax, `Offer at most ${SALE_LIMITS.stockMax.toLocaleString("en-US")} units.`),
  startsAt: localDateTime("start"),
  endsAt: localDateTime("end"),
  timezone: z
    .string({ error: "Pick a time zone." })
    .trim()
    .refine(isValidTimeZone, "Pick a time zone from the list (an IANA name such as Europe/Paris)."),
  holdMinutes: wholeMinutes(
    "hold window",
    SALE_LIMITS.holdMinutesMin,
    SALE_LIMITS.holdMinutesMax,
    SALE_LIMITS.holdMinutesDefault,
  ).optional(),
  offerMinutes: wholeMinutes(
    "offer window",
    SALE_LIMITS.offerMinutesMin,
    SALE_LIMITS.offerMinutesMax,
    SALE_LIMITS.offerMinutesDefault,
  ).optional(),
  waitlistEnabled: z.boolean({ error: "Turn the waitlist on or off (true or false)." }).optional(),
  openingMode: z
    .enum(OPENING_MODES, { error: "Pick how the sale opens: first come, first served, or a fair draw." })
    .optional(),
  lobbyMinutes: wholeMinutes(
    "lobby's length",
    SALE_LIMITS.lobbyMinutesMin,
    SALE_LIMITS.lobbyMinutesMax,
    SALE_LIMITS.lobbyMinutesDefault,
  ).optional(),
  challengeCost: wholeNumber("challenge cost", "50000")
    .refine(
      (cost) => cost === 0 || (cost >= SALE_LIMITS.challengeCostMin && cost <= SALE_LIMITS.challengeCostMax),
      `Enter 0 for no challenge, or a cost from ${CHALLENGE_COST_RANGE}.`,
    )
    .optional(),
  minAccountAgeDays: wholeNumber("minimum account age", "30")
    .refine(
      (days) => days <= SALE_LIMITS.accountAgeDaysMax,
      `The minimum account age can be at most ${SALE_LIMITS.accountAgeDaysMax.toLocaleString("en-US")} days (ten years).`,
    )
    .optional(),
};

const fieldsObject = z.object(fields);
type FieldValues = z.output<typeof fieldsObject>;

/** Runs a cross-field check only when the fields it reads passed on their own. */
const whenValid = (...names: SaleField[]) => ({
  when: (payload: z.core.ParsePayload) => !payload.issues.some((issue) => names.includes(issue.path?.[0] as SaleField)),
});

/** Why a typed price was refused, in the currency's own terms. */
function priceProblem(
  reason: "FORMAT" | "TOO_MANY_DECIMALS" | "DECIMAL_COMMA",
  price: string,
  currency: SupportedCurrency,
) {
  const decimals = CURRENCY_DECIMALS[currency];
  const comma = usesDecimalComma(currency);
  if (decimals === 0 && reason !== "FORMAT") return `${currency} prices are whole amounts, without decimals.`;
  switch (reason) {
    case "DECIMAL_COMMA":
      return `${currency} prices use a decimal point: write ${price.trim().replace(",", ".")}.`;
    case "TOO_MANY_DECIMALS":
      return comma
        ? `${currency} prices have at most ${decimals} decimals. For thousands, write 1234,50 or 1.234,50.`
        : `${currency} prices have at most ${decimals} decimals.`;
    case "FORMAT":
      return comma
        ? `Enter the price as a number like 129,99 or 1.234,50.`
        : `Enter the price as a number like 129.99 or 1,234.50.`;
  }
}

function checkPrice(values: FieldValues, ctx: z.RefinementCtx) {
  const decimals = CURRENCY_DECIMALS[values.currency];
  const parsed = parsePrice(values.price, values.currency);
  if (!parsed.ok) {
    const message = priceProblem(parsed.reason, values.price, values.currency);
    ctx.addIssue({ code: "custom", path: ["price"], message });
  } else if (parsed.minor > SALE_LIMITS.priceMaxMinor) {
    const max = formatMinorAsInput(SALE_LIMITS.priceMaxMinor, decimals);
    ctx.addIssue({ code: "custom", path: ["price"], message: `The price can be at most ${max} ${values.currency}.` });
  }
}

function instantOf(text: string, timeZone: string) {
  const local = parseLocalDateTime(text);
  return local ? zonedLocalToUtc(local, timeZone) : ({ ok: false, reason: "NONEXISTENT" } as const);
}

function checkTimes(values: FieldValues, ctx: z.RefinementCtx) {
  const start = instantOf(values.startsAt, values.timezone);
  const end = instantOf(values.endsAt, values.timezone);
  const skipped = `does not exist in ${values.timezone}: the clocks skip it. Pick a time outside the change.`;
  if (!start.ok) ctx.addIssue({ code: "custom", path: ["startsAt"], message: `That start ${skipped}` });
  if (!end.ok) ctx.addIssue({ code: "custom", path: ["endsAt"], message: `That end ${skipped}` });
  if (start.ok && end.ok && end.date <= start.date) {
    ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end must be after the start." });
  }
}

/** How a sale's checkout runs: stored in seconds, edited in minutes. */
export interface CheckoutSettings {
  /** How long a won unit is kept for payment. */
  holdSeconds: number;
  /** How long a unit offered to the head of the waitlist is kept for them. */
  offerSeconds: number;
  /** Once every unit is held or paid, shoppers may queue for released ones. */
  waitlistEnabled: boolean;
}

export const DEFAULT_CHECKOUT_SETTINGS: CheckoutSettings = {
  holdSeconds: SALE_LIMITS.holdMinutesDefault * 60,
  offerSeconds: SALE_LIMITS.offerMinutesDefault * 60,
  waitlistEnabled: false,
};

/** How a sale opens and whom it admits (docs/fair-opening.md). */
export interface OpeningSettings {
  openingMode: OpeningMode;
  /** How long before the start a fair draw's lobby opens. */
  lobbyMinutes: number;
  /** The proof of work asked on entering and on reserve (ALTCHA's maxnumber); 0 asks for none. */
  challengeCost: number;
  /** Only accounts at least this many days old may enter or buy; 0 admits every account. */
  minAccountAgeDays: number;
}

export const DEFAULT_OPENING_SETTINGS: OpeningSettings = {
  openingMode: "FIRST_COME",
  lobbyMinutes: SALE_LIMITS.lobbyMinutesDefault,
  challengeCost: 0,
  minAccountAgeDays: 0,
};

/** A fair draw always keeps a waitlist: entrants not drawn queue in drawn order. */
export function waitlistFor(openingMode: OpeningMode, waitlistEnabled: boolean): boolean {
  return openingMode === "FAIR_DRAW" || waitlistEnabled;
}

export interface SaleValues extends CheckoutSettings, OpeningSettings {
  title: string;
  slug: string;
  description: string;
  imageUrl: string | null;
  priceMinor: number;
  currency: SupportedCurrency;
  totalStock: number;
  startsAt: Date;
  endsAt: Date;
}

/** An update: checkout and opening settings left out keep their stored values. */
export type SaleUpdateValues = Omit<SaleValues, keyof CheckoutSettings | keyof OpeningSettings> &
  Partial<CheckoutSettings & OpeningSettings>;

/** A stored window as the whole minutes the editor shows (never 0, which the form would refuse). */
export function minutesShown(seconds: number): number {
  return Math.max(1, Math.round(seconds / 60));
}

function toSaleUpdateValues(values: FieldValues): SaleUpdateValues {
  const price = parsePrice(values.price, values.currency);
  const start = instantOf(values.startsAt, values.timezone);
  const end = instantOf(values.endsAt, values.timezone);
  // The refinements above guarantee these; the transform only runs on valid input.
  if (!price.ok || !start.ok || !end.ok) throw new Error("sale form transformed before it was validated");
  return {
    title: values.title,
    slug: values.slug,
    description: values.description,
    imageUrl: values.imageUrl ? values.imageUrl : null,
    priceMinor: price.minor,
    currency: values.currency,
    totalStock: values.totalStock,
    startsAt: start.date,
    endsAt: end.date,
    ...(values.holdMinutes === undefined ? {} : { holdSeconds: values.holdMinutes * 60 }),
    ...(values.offerMinutes === undefined ? {} : { offerSeconds: values.offerMinutes * 60 }),
    ...(values.waitlistEnabled === undefined ? {} : { waitlistEnabled: values.waitlistEnabled }),
    ...(values.openingMode === undefined ? {} : { openingMode: values.openingMode }),
    ...(values.lobbyMinutes === undefined ? {} : { lobbyMinutes: values.lobbyMinutes }),
    ...(values.challengeCost === undefined ? {} : { challengeCost: values.challengeCost }),
    ...(values.minAccountAgeDays === undefined ? {} : { minAccountAgeDays: values.minAccountAgeDays }),
  };
}

/** A complete sale: settings left out take their defaults; a fair draw has its waitlist on. */
function toSaleValues(values: FieldValues): SaleValues {
  const sale = { ...DEFAULT_CHECKOUT_SETTINGS, ...DEFAULT_OPENING_SETTINGS, ...toSaleUpdateValues(values) };
  return { ...sale, waitlistEnabled: waitlistFor(sale.openingMode, sale.waitlistEnabled) };
}

const withCrossFieldChecks = <T extends z.ZodType<FieldValues>>(schema: T) =>
  schema
    .superRefine(checkPrice, whenValid("price", "currency"))
    .superRefine(checkTimes, whenValid("startsAt", "endsAt", "timezone"));

/** Editing an existing sale (the procedure adds the rules that depend on the stored sale). */
export const saleFormSchema = withCrossFieldChecks(fieldsObject).transform(toSaleValues);

/** Times are entered in whole minutes, so "now" is the current minute, less a minute of slack. */
export function startIsNotPast(startsAt: Date, now = Date.now()): boolean {
  const currentMinute = Math.floor(now / 60_000) * 60_000;
  return startsAt.getTime() >= currentMinute - SALE_LIMITS.startSlackMs;
}
export const START_IN_PAST_MESSAGE = "The start is in the past. Pick a time from now on.";

/** Creating a sale: as above, and it cannot start in the past. */
export const newSaleFormSchema = saleFormSchema.refine((values) => startIsNotPast(values.startsAt), {
  path: ["startsAt"],
  message: START_IN_PAST_MESSAGE,
});

/** `admin.sale.update` input: the sale's id beside the same fields, so errors keep their field names. */
export const saleUpdateSchema = withCrossFieldChecks(fieldsObject.extend({ id: saleIdSchema })).transform((values) => ({
  id: values.id,
  values: toSaleUpdateValues(values),
}));

export type SaleFormInput = z.input<typeof saleFormSchema>;
