"use client";
// The storefront card as shoppers will see it, redrawn from the form as the admin types, and how
// the sale will open: the mode, when a fair draw's lobby opens, the challenge and the age rule.
// The badge above it says where the sale really stands (a draft is a preview, a paused sale is
// paused); the card shows "Live now" only for a sale that is published and running.
import { Fragment, useSyncExternalStore } from "react";
import { SaleCard, type SaleCardData } from "~/app/_components/sale-card";
import type { LiveSale } from "~/lib/buy-flow/live-sale";
import { OPENING_MODE_LABELS } from "~/lib/fair-draw";
import {
  isStorefrontState,
  lobbyOpensAt,
  salePhase,
  storefrontPhase,
  type SalePhase,
  type SaleState,
} from "~/lib/sale";
import { isSupportedCurrency } from "~/lib/sale-form/currencies";
import { parsePrice } from "~/lib/sale-form/money-input";
import type { SaleFormState } from "~/lib/sale-form/form-state";
import { isAllowedImageUrl } from "~/lib/sale-form/schema";
import styles from "./sale-editor.module.css";
import { StatusBadge } from "./status-badge";
import { instantOf } from "./use-sale-form";

/** Where a saved sale stands; null for a sale not created yet (a draft). */
export interface SaleStanding {
  state: SaleState;
  /** Units left as last read; null when unknown. */
  stockLeft: number | null;
  /** When an admin ended it early; null when it ran (or runs) to its end. */
  endedAt: Date | null;
}

/** The preview's badge for each status: a draft is only a preview of what shoppers will see. */
export const PREVIEW_BADGES: Record<SalePhase, string> = {
  draft: "Draft preview",
  upcoming: "Upcoming",
  live: "Live now",
  sold_out: "Sold out",
  paused: "Paused",
  ended: "Ended",
  archived: "Archived",
};

/** The status the preview shows: the sale's real one, read against the form's times. */
export function previewStatus(
  standing: SaleStanding | null,
  times: { startsAt: Date; endsAt: Date },
  now: Date,
): SalePhase {
  if (!standing) return "draft";
  return salePhase({ state: standing.state, ...times }, now, standing.stockLeft);
}

function previewOf(form: SaleFormState, standing: SaleStanding | null, now: Date) {
  const currency = form.currency.trim().toUpperCase();
  const known = isSupportedCurrency(currency) ? currency : "USD";
  const price = parsePrice(form.price, known);
  const startsAt = instantOf(form.startsAt, form.timezone) ?? now;
  const plannedEnd = instantOf(form.endsAt, form.timezone) ?? now;
  const status = previewStatus(standing, { startsAt, endsAt: plannedEnd }, now);
  // A sale ended early ended then, not at the end it had planned.
  const endsAt = status === "ended" && standing?.endedAt ? standing.endedAt : plannedEnd;
  const stock = Number(form.totalStock);
  const totalStock = Number.isInteger(stock) && stock > 0 ? stock : 0;
  const card: SaleCardData = {
    slug: form.slug || "preview",
    title: form.title.trim() || "Untitled sale",
    imageUrl: isAllowedImageUrl(form.imageUrl.trim()) ? form.imageUrl.trim() : null,
    priceMinor: price.ok ? price.minor : 0,
    currency: known,
    totalStock,
    startsAt,
    endsAt,
    endedAt: standing?.endedAt ?? null,
    // A saved sale as shoppers see it now; a draft as they will once it is published.
    phase: storefrontPhase(
      { state: standing && isStorefrontState(standing.state) ? standing.state : "PUBLISHED", startsAt, endsAt },
      now,
    ),
    openingMode: form.openingMode,
    lobbyOpensAt: lobbyOpensAt({
      openingMode: form.openingMode,
      startsAt,
      lobbyMinutes: Number(form.lobbyMinutes) || 0,
    }),
  };
  // The stock as last read, so a sold-out sale's card says so (a draft has none to show).
  const live: LiveSale | null =
    standing && isStorefrontState(standing.state) && standing.stockLeft !== null
      ? {
          saleId: "preview",
          stockLeft: Math.max(0, standing.stockLeft),
          total: totalStock,
          state: standing.state,
          startsAt: startsAt.getTime(),
          endsAt: endsAt.getTime(),
          readAt: now.getTime(),
        }
      : null;
  return { card, live, status };
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

export function SalePreview({ form, standing = null }: { form: SaleFormState; standing?: SaleStanding | null }) {
  // Drawn in the browser only: "upcoming" or "live" depends on its clock.
  const tick = useSyncExternalStore(subscribeToClock, clockTick, () => null);
  const now = tick === null ? null : new Date(tick);
  const preview = now ? previewOf(form, standing, now) : null;
  return (
    <aside className={styles.preview} aria-labelledby="sale-preview-title">
      <div className={styles.previewHead}>
        <h2 id="sale-preview-title" className={styles.previewTitle}>
          Preview
        </h2>
        {preview && (
          <StatusBadge status={preview.status} label={PREVIEW_BADGES[preview.status]} testId="preview-status" />
        )}
      </div>
      {/* inert: the card's link leads nowhere yet, so it stays out of the tab order. */}
      <div
        inert
        className={`${styles.previewCard} ${preview?.status === "draft" ? styles.previewDraft : ""}`}
        data-testid="sale-preview"
      >
        {preview && <SaleCard sale={preview.card} live={preview.live} />}
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
