"use client";
// The storefront card as shoppers will see it, redrawn from the form as the admin types, and how
// the sale will open: the mode, when a fair draw's lobby opens, the challenge and the age rule.
import { Fragment, useSyncExternalStore } from "react";
import { SaleCard, type SaleCardData } from "~/app/_components/sale-card";
import { OPENING_MODE_LABELS } from "~/lib/fair-draw";
import { lobbyOpensAt, storefrontPhase } from "~/lib/sale";
import { CURRENCY_DECIMALS, isSupportedCurrency } from "~/lib/sale-form/currencies";
import { parseDecimalAmount } from "~/lib/sale-form/money-input";
import type { SaleFormState } from "~/lib/sale-form/form-state";
import { isAllowedImageUrl } from "~/lib/sale-form/schema";
import styles from "./sale-editor.module.css";
import { instantOf } from "./use-sale-form";

function previewOf(form: SaleFormState, now: Date): SaleCardData {
  const currency = form.currency.trim().toUpperCase();
  const known = isSupportedCurrency(currency) ? currency : "USD";
  const price = parseDecimalAmount(form.price, CURRENCY_DECIMALS[known]);
  const startsAt = instantOf(form.startsAt, form.timezone) ?? now;
  const endsAt = instantOf(form.endsAt, form.timezone) ?? now;
  const stock = Number(form.totalStock);
  return {
    slug: form.slug || "preview",
    title: form.title.trim() || "Untitled sale",
    imageUrl: isAllowedImageUrl(form.imageUrl.trim()) ? form.imageUrl.trim() : null,
    priceMinor: price.ok ? price.minor : 0,
    currency: known,
    totalStock: Number.isInteger(stock) && stock > 0 ? stock : 0,
    startsAt,
    endsAt,
    // As shoppers will see it once published.
    phase: storefrontPhase({ state: "PUBLISHED", startsAt, endsAt }, now),
    openingMode: form.openingMode,
    lobbyOpensAt: lobbyOpensAt({
      openingMode: form.openingMode,
      startsAt,
      lobbyMinutes: Number(form.lobbyMinutes) || 0,
    }),
  };
}

/** The opening as a shopper will meet it, from the form's text ("—" while a field is not a number). */
function openingFacts(form: SaleFormState): Array<[string, string]> {
  const whole = (text: string) => (/^\s*[\d,]+\s*$/.test(text) ? Number(text.replaceAll(",", "")) : null);
  const facts: Array<[string, string]> = [["Opens", OPENING_MODE_LABELS[form.openingMode]]];
  if (form.openingMode === "FAIR_DRAW") {
    const minutes = whole(form.lobbyMinutes);
    facts.push(["Lobby", minutes ? `${minutes.toLocaleString("en-US")} min before the start` : "—"]);
  }
  const cost = whole(form.challengeCost);
  facts.push([
    "Challenge",
    cost === null ? "—" : cost > 0 ? `Proof of work, cost ${cost.toLocaleString("en-US")}` : "None",
  ]);
  const days = whole(form.minAccountAgeDays);
  facts.push([
    "Accounts",
    days === null ? "—" : days > 0 ? `At least ${days} ${days === 1 ? "day" : "days"} old` : "Any age",
  ]);
  return facts;
}

const TICK_MS = 30_000;
const clockTick = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;
function subscribeToClock(onTick: () => void) {
  const timer = setInterval(onTick, TICK_MS);
  return () => clearInterval(timer);
}

export function SalePreview({ form }: { form: SaleFormState }) {
  // Drawn in the browser only: "upcoming" or "live" depends on its clock.
  const tick = useSyncExternalStore(subscribeToClock, clockTick, () => null);
  const now = tick === null ? null : new Date(tick);
  return (
    <aside className={styles.preview} aria-labelledby="sale-preview-title">
      <h2 id="sale-preview-title" className={styles.previewTitle}>
        Preview
      </h2>
      {/* inert: the card's link leads nowhere yet, so it stays out of the tab order. */}
      <div inert className={styles.previewCard} data-testid="sale-preview">
        {now && <SaleCard sale={previewOf(form, now)} />}
      </div>
      <h3 className={styles.previewTitle}>How it opens</h3>
      <dl className={styles.previewFacts}>
        {openingFacts(form).map(([term, value]) => (
          <Fragment key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </aside>
  );
}
