"use client";
// The editor's state: the text of every field (and the waitlist switch and the opening mode), the
// slug following the title until edited, the admin's time zone (the browser's until changed), and
// the errors shown beside each field.
import { useCallback, useRef, useState, useSyncExternalStore } from "react";
import { saleToFormState, type SaleFormState, type StoredSaleValues } from "~/lib/sale-form/form-state";
import { SALE_FIELDS, SALE_LIMITS, type SaleField } from "~/lib/sale-form/schema";
import { slugFromTitle } from "~/lib/sale-form/slug";
import { parseLocalDateTime, utcToZonedLocalInput, zonedLocalToUtc } from "~/lib/sale-form/zoned-time";

export type FieldErrors = Partial<Record<SaleField, string[]>>;

/** The instant a local field means in `timeZone`, or null while it is incomplete or invalid. */
export function instantOf(text: string, timeZone: string): Date | null {
  const local = parseLocalDateTime(text);
  if (!local) return null;
  try {
    const converted = zonedLocalToUtc(local, timeZone);
    return converted.ok ? converted.date : null;
  } catch {
    return null;
  }
}

const noSubscription = () => () => undefined;
/** The browser's zone; null while rendering on the server and hydrating, so both render alike. */
export function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    () => null,
  );
}

const HOUR = 3_600_000;

function blankForm(timeZone: string): SaleFormState {
  const start = new Date(Math.ceil(Date.now() / HOUR) * HOUR + HOUR);
  return {
    title: "",
    slug: "",
    description: "",
    imageUrl: "",
    price: "",
    currency: "USD",
    totalStock: "100",
    startsAt: utcToZonedLocalInput(start, timeZone),
    endsAt: utcToZonedLocalInput(new Date(start.getTime() + 2 * HOUR), timeZone),
    timezone: timeZone,
    holdMinutes: String(SALE_LIMITS.holdMinutesDefault),
    offerMinutes: String(SALE_LIMITS.offerMinutesDefault),
    waitlistEnabled: false,
    openingMode: "FIRST_COME",
    lobbyMinutes: String(SALE_LIMITS.lobbyMinutesDefault),
    challengeCost: "0",
    minAccountAgeDays: "0",
  };
}

/** The same instants, written in another zone. */
function reexpressTimes(
  form: SaleFormState,
  zone: string,
  fields: ReadonlyArray<"startsAt" | "endsAt">,
): SaleFormState {
  const next = { ...form, timezone: zone };
  for (const field of fields) {
    const instant = instantOf(form[field], form.timezone);
    if (instant) next[field] = utcToZonedLocalInput(instant, zone);
  }
  return next;
}

export function useSaleForm(stored: StoredSaleValues | null, locked: Partial<Record<string, string>>) {
  const [form, setForm] = useState<SaleFormState>(() => (stored ? saleToFormState(stored, "UTC") : blankForm("UTC")));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [zoneChosen, setZoneChosen] = useState(false);
  const slugTouched = useRef(stored !== null);

  // Adjusting state while rendering (not in an effect), as React recommends for derived resets:
  // once the browser's zone is known, show the times in it unless the admin picked a zone.
  const browserZone = useBrowserTimeZone();
  if (browserZone && !zoneChosen && form.timezone !== browserZone) {
    setForm(reexpressTimes(form, browserZone, ["startsAt", "endsAt"]));
  }
  // After a save the stored values change: show them (a pause or publish leaves typing alone).
  const signature = stored ? JSON.stringify(stored) : "";
  const [shownSignature, setShownSignature] = useState(signature);
  if (signature !== shownSignature) {
    setShownSignature(signature);
    if (stored) setForm(saleToFormState(stored, form.timezone));
  }

  const setField = useCallback(<F extends SaleField>(field: F, value: SaleFormState[F]) => {
    if (field === "slug") slugTouched.current = true;
    const followTitle = field === "title" && !slugTouched.current && typeof value === "string";
    setForm((current) => ({ ...current, [field]: value, ...(followTitle ? { slug: slugFromTitle(value) } : {}) }));
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  }, []);

  /** A picked zone re-reads the typed wall-clock times in it; locked times keep their instant. */
  const setTimeZone = useCallback(
    (zone: string) => {
      setZoneChosen(true);
      const keepInstant = (["startsAt", "endsAt"] as const).filter((field) => locked[field]);
      setForm((current) => reexpressTimes(current, zone, keepInstant));
      setErrors((current) => ({ ...current, timezone: undefined, startsAt: undefined, endsAt: undefined }));
    },
    [locked],
  );

  const firstErrorField = (found: FieldErrors) => SALE_FIELDS.find((field) => found[field]?.length);

  return { form, errors, setErrors, setField, setTimeZone, firstErrorField };
}
