"use client";
// The sale editor: the shared schema checks every field as the admin saves, the server checks
// again (slug taken, stock below reserved, live rules) and its errors land beside the same fields.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { formatDateTime, formatTime } from "~/lib/date-format";
import type { SaleState } from "~/lib/sale";
import { isSupportedCurrency, SUPPORTED_CURRENCIES, usesDecimalComma } from "~/lib/sale-form/currencies";
import type { StoredSaleValues } from "~/lib/sale-form/form-state";
import { newSaleFormSchema, SALE_LIMITS, saleUpdateSchema } from "~/lib/sale-form/schema";
import { utcToZonedLocalInput } from "~/lib/sale-form/zoned-time";
import { useTRPC } from "~/trpc/react";
import { EditorField, EditorSwitch, type FieldFor, type TextFor } from "./editor-field";
import { OpeningFields } from "./opening-fields";
import { SalePreview } from "./sale-preview";
import styles from "./sale-editor.module.css";
import { TimeZoneSelect } from "./time-zone-select";
import { instantOf, useSaleForm, type FieldErrors } from "./use-sale-form";

interface Props {
  /** Absent when creating a sale. */
  sale?: {
    id: string;
    values: StoredSaleValues;
    locked: Partial<Record<string, string>>;
    /** Where the sale stands, for the preview's badge (a draft when left out). */
    state?: SaleState;
    /** Units left as last read; null when unknown. Tells a sold-out sale from a live one. */
    stockLeft?: number | null;
    /** When an admin ended it early; null when it ran (or runs) to its end. */
    endedAt?: Date | null;
  };
}

/** What a typed time means in UTC, written the one way the app writes moments. */
function utcNote(text: string, zone: string): string {
  const instant = instantOf(text, zone);
  return instant ? formatDateTime(instant) : "Not a valid time in this zone";
}

/** The price field's hint, in the convention of the chosen currency (see ~/lib/sale-form/money-input). */
function priceHint(currency: string): string {
  const code = currency.trim().toUpperCase();
  return isSupportedCurrency(code) && usesDecimalComma(code)
    ? "The amount, like 129,99 (or 129.99)."
    : "The amount, like 129.99.";
}

export function SaleEditor({ sale }: Props) {
  const router = useRouter();
  const trpc = useTRPC();
  const locked = sale?.locked ?? {};
  const { form, errors, setErrors, setField, setTimeZone, firstErrorField } = useSaleForm(sale?.values ?? null, locked);
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const showErrors = (found: FieldErrors, message: string | null) => {
    setErrors(found);
    setFormError(message);
    const first = firstErrorField(found);
    if (first) document.getElementById(`sale-${first}`)?.focus();
  };
  const onError = (error: {
    message: string;
    data?: { zodError?: { fieldErrors: Record<string, string[] | undefined> } | null } | null;
  }) => {
    const fieldErrors = (error.data?.zodError?.fieldErrors ?? {}) as FieldErrors;
    showErrors(fieldErrors, firstErrorField(fieldErrors) ? "Please fix the fields marked below." : error.message);
  };
  const create = useMutation(
    trpc.admin.sale.create.mutationOptions({
      onError,
      onSuccess: (view) => router.push(`/admin/sales/${view.id}?created=1`),
    }),
  );
  const update = useMutation(
    trpc.admin.sale.update.mutationOptions({
      onError,
      onSuccess: () => {
        setSaved(`Saved at ${formatTime(new Date(), { timeZone: form.timezone, seconds: true })}.`);
        router.refresh();
      },
    }),
  );
  const pending = create.isPending || update.isPending;
  const fairDraw = form.openingMode === "FAIR_DRAW";

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const problem: z.core.$ZodError | undefined = sale
      ? saleUpdateSchema.safeParse({ ...form, id: sale.id }).error
      : newSaleFormSchema.safeParse(form).error;
    if (problem)
      return showErrors(z.flattenError(problem).fieldErrors as FieldErrors, "Please fix the fields marked below.");
    setFormError(null);
    if (sale) update.mutate({ ...form, id: sale.id });
    else create.mutate(form);
  }

  const field: FieldFor = (name, label, hint) => ({
    name,
    label,
    errors: errors[name],
    hint: locked[name] ?? hint,
  });
  const text: TextFor = (name) => ({
    value: form[name],
    disabled: Boolean(locked[name]),
    onChange: (event: { target: { value: string } }) => setField(name, event.target.value),
  });

  return (
    <div className={styles.layout}>
      <form
        className={styles.form}
        onSubmit={onSubmit}
        noValidate
        aria-describedby={formError ? "sale-form-error" : undefined}
      >
        {formError && (
          <p id="sale-form-error" className={styles.formError} role="alert">
            {formError}
          </p>
        )}
        <EditorField {...field("title", "Title")}>
          {(control) => (
            <input {...control} {...text("title")} maxLength={SALE_LIMITS.titleMax + 10} autoComplete="off" />
          )}
        </EditorField>
        <EditorField
          {...field("slug", "Slug", "The sale's address: /sales/<slug>. Filled in from the title until you edit it.")}
        >
          {(control) => <input {...control} {...text("slug")} autoComplete="off" spellCheck={false} />}
        </EditorField>
        <EditorField
          {...field(
            "description",
            "Description",
            `Plain text, up to ${SALE_LIMITS.descriptionMax.toLocaleString("en-US")} characters.`,
          )}
        >
          {(control) => <textarea {...control} {...text("description")} rows={4} />}
        </EditorField>
        <EditorField {...field("imageUrl", "Image (optional)", "An https:// address, or a path under /products/.")}>
          {(control) => (
            <input {...control} {...text("imageUrl")} inputMode="url" placeholder="/products/sneaker.svg" />
          )}
        </EditorField>
        <div className={styles.row}>
          <EditorField {...field("price", "Price", priceHint(form.currency))}>
            {(control) => <input {...control} {...text("price")} inputMode="decimal" placeholder="129.99" />}
          </EditorField>
          <EditorField {...field("currency", "Currency")}>
            {(control) => (
              <select {...control} {...text("currency")}>
                {SUPPORTED_CURRENCIES.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
            )}
          </EditorField>
          <EditorField {...field("totalStock", "Total stock", "Units on sale.")}>
            {(control) => <input {...control} {...text("totalStock")} inputMode="numeric" />}
          </EditorField>
        </div>
        <EditorField
          {...field("timezone", "Time zone", "Start and end below are read in this zone and stored in UTC.")}
        >
          {(control) => <TimeZoneSelect control={control} value={form.timezone} onChange={setTimeZone} />}
        </EditorField>
        <div className={styles.row}>
          <EditorField
            {...field("startsAt", "Starts", locked.startsAt ?? `= ${utcNote(form.startsAt, form.timezone)}`)}
          >
            {(control) => (
              <div className={styles.inline}>
                <input {...control} {...text("startsAt")} type="datetime-local" />
                {!locked.startsAt && (
                  <button
                    type="button"
                    className={styles.linkButton}
                    onClick={() => setField("startsAt", utcToZonedLocalInput(new Date(), form.timezone))}
                  >
                    Now
                  </button>
                )}
              </div>
            )}
          </EditorField>
          <EditorField {...field("endsAt", "Ends", locked.endsAt ?? `= ${utcNote(form.endsAt, form.timezone)}`)}>
            {(control) => <input {...control} {...text("endsAt")} type="datetime-local" />}
          </EditorField>
        </div>
        <OpeningFields
          form={form}
          locked={locked}
          errors={errors}
          field={field}
          text={text}
          onModeChange={(mode) => setField("openingMode", mode)}
        />
        <fieldset className={styles.group} aria-describedby="sale-checkout-hint">
          <legend className={styles.legend}>Checkout</legend>
          <p id="sale-checkout-hint" className={styles.hint}>
            {sale
              ? "Changes apply to holds taken after you save; holds already running keep their deadline."
              : "A shopper who wins a unit must pay within the hold window, or it goes to the next in line."}{" "}
            A free sale (price 0) confirms each unit at once, without a hold.
          </p>
          <div className={styles.row}>
            <EditorField
              {...field(
                "holdMinutes",
                "Hold window (minutes)",
                `Time to pay after winning a unit: ${SALE_LIMITS.holdMinutesMin} to ${SALE_LIMITS.holdMinutesMax} minutes.`,
              )}
            >
              {(control) => <input {...control} {...text("holdMinutes")} inputMode="numeric" autoComplete="off" />}
            </EditorField>
            <EditorField
              {...field(
                "offerMinutes",
                "Offer window (minutes)",
                `Time the next shopper on the waitlist has to pay for a released unit: ${SALE_LIMITS.offerMinutesMin} to ${SALE_LIMITS.offerMinutesMax} minutes.`,
              )}
            >
              {(control) => <input {...control} {...text("offerMinutes")} inputMode="numeric" autoComplete="off" />}
            </EditorField>
          </div>
          <EditorSwitch
            name="waitlistEnabled"
            label="Waitlist"
            hint={
              locked.waitlistEnabled ??
              (fairDraw
                ? "On, as a fair draw needs: entrants not drawn queue in drawn order, and units from expired or cancelled holds are offered to them in turn."
                : form.waitlistEnabled
                  ? "On: once every unit is taken, shoppers can queue. Units from expired or cancelled holds are offered to them in turn."
                  : "Off: once every unit is taken, shoppers see the sale as sold out.")
            }
            errors={errors.waitlistEnabled}
            // A fair draw always keeps its waitlist; the switch shows it and cannot turn it off.
            checked={form.waitlistEnabled || fairDraw}
            disabled={Boolean(locked.waitlistEnabled) || fairDraw}
            onChange={(checked) => setField("waitlistEnabled", checked)}
          />
        </fieldset>
        <div className={styles.submitRow}>
          <button type="submit" className={styles.primaryButton} disabled={pending}>
            {pending ? "Saving…" : sale ? "Save changes" : "Create draft"}
          </button>
          <p role="status" className={styles.saved}>
            {saved}
          </p>
        </div>
      </form>
      <SalePreview
        form={form}
        standing={
          sale
            ? { state: sale.state ?? "DRAFT", stockLeft: sale.stockLeft ?? null, endedAt: sale.endedAt ?? null }
            : null
        }
      />
    </div>
  );
}
