// The sale editor's one schema, shared by the form (checks as the admin types) and the admin
// procedures (the same checks, authoritative). Input is what the form holds — text, a decimal
// price, local times plus a time zone, windows in minutes; output is what the sale stores — minor
// units, UTC instants, windows in seconds.
//
// The checkout settings (hold window, offer window, waitlist) may be left out of an update: they
// then keep their stored values, so an editor page opened before they existed cannot switch a live
// sale's waitlist off by saving. A new sale left without them gets the defaults.
//
// Titles refuse control characters, invisible direction marks and angle brackets: React escapes
// output anyway, but a title also travels into CSV exports, logs, mail subjects and link previews,
// where "<script>" or a right-to-left override is never meant and only confuses. Descriptions are
// plain text and may contain < and > (they are always rendered as text), but no control characters.
import { z } from "zod";
import { saleIdSchema } from "~/lib/sale";
import { CURRENCY_DECIMALS, SUPPORTED_CURRENCIES, type SupportedCurrency } from "./currencies";
import { formatMinorAsInput, parseDecimalAmount } from "./money-input";
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
] as const;
export type SaleField = (typeof SALE_FIELDS)[number];
/** Fields the form holds as text; the waitlist is a switch. */
export type SaleTextField = Exclude<SaleField, "waitlistEnabled">;

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
    .regex(/^\d+(?:\.\d+)?$/, "Enter the price as a plain number like 129.99."),
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
};

const fieldsObject = z.object(fields);
type FieldValues = z.output<typeof fieldsObject>;

/** Runs a cross-field check only when the fields it reads passed on their own. */
const whenValid = (...names: SaleField[]) => ({
  when: (payload: z.core.ParsePayload) => !payload.issues.some((issue) => names.includes(issue.path?.[0] as SaleField)),
});

function checkPrice(values: FieldValues, ctx: z.RefinementCtx) {
  const decimals = CURRENCY_DECIMALS[values.currency];
  const parsed = parseDecimalAmount(values.price, decimals);
  if (!parsed.ok) {
    const message =
      decimals === 0
        ? `${values.currency} prices are whole amounts, without decimals.`
        : `${values.currency} prices have at most ${decimals} decimals.`;
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

export interface SaleValues extends CheckoutSettings {
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

/** An update: checkout settings left out keep their stored values. */
export type SaleUpdateValues = Omit<SaleValues, keyof CheckoutSettings> & Partial<CheckoutSettings>;

/** A stored window as the whole minutes the editor shows (never 0, which the form would refuse). */
export function minutesShown(seconds: number): number {
  return Math.max(1, Math.round(seconds / 60));
}

function toSaleUpdateValues(values: FieldValues): SaleUpdateValues {
  const price = parseDecimalAmount(values.price, CURRENCY_DECIMALS[values.currency]);
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
  };
}

/** A complete sale: checkout settings left out take their defaults. */
function toSaleValues(values: FieldValues): SaleValues {
  return { ...DEFAULT_CHECKOUT_SETTINGS, ...toSaleUpdateValues(values) };
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
