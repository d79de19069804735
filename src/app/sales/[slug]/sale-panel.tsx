"use client";
// The buying side of a sale page: countdown on server time, live stock, the buy button and a
// polite live region that speaks only the changes that matter.
import { useEffect, useRef } from "react";
import { formatDuration } from "~/app/_components/format-duration";
import { LocalTime } from "~/app/_components/local-time";
import { UnitsLeftBar } from "~/app/_components/units-left-bar";
import shared from "~/app/_components/storefront.module.css";
import { useLiveSale } from "~/app/_components/use-live-sale";
import { statusAnnouncement, stockAnnouncement } from "~/lib/buy-flow/announcements";
import type { BuyPhase, BuyStatus } from "~/lib/buy-flow/buy-flow";
import { buyPhase, type LiveSale, type SaleWindow } from "~/lib/buy-flow/live-sale";
import { formatPrice } from "~/lib/money";
import { useServerClock, useServerNow } from "~/lib/server-clock/use-server-clock";
import { BuyAction } from "./buy-action";
import styles from "./sale.module.css";
import { useBuyFlow, type OrderStatusView } from "./use-buy-flow";

export interface PanelSale {
  id: string;
  slug: string;
  priceMinor: number;
  currency: string;
  totalStock: number;
  state: SaleWindow["state"];
  startsAt: Date;
  endsAt: Date;
}

export interface SalePanelProps {
  sale: PanelSale;
  renderedAt: number;
  signedIn: boolean;
  initialOrder: OrderStatusView | null;
  initialLive: LiveSale | null;
}

export function SalePanel({ sale, renderedAt, signedIn, initialOrder, initialLive }: SalePanelProps) {
  const readServerTime = useServerClock(renderedAt);
  const fallbackWindow: SaleWindow = {
    state: sale.state,
    startsAt: sale.startsAt.getTime(),
    endsAt: sale.endsAt.getTime(),
  };
  const initialPhase = buyPhase(initialLive ?? fallbackWindow, renderedAt);
  const { data: live = null } = useLiveSale(sale.id, { initial: initialLive, poll: initialPhase !== "ended" });
  const saleWindow = live ?? fallbackWindow;
  const stock = live ? { left: live.stockLeft, readAt: live.readAt } : null;

  const { state, observe, buy } = useBuyFlow({
    saleId: sale.id,
    signedIn,
    initialOrder,
    initialPhase,
    initialStock: stock,
    serverNow: readServerTime,
  });

  // Tick on the second of whatever the shopper is waiting for, so it opens on the moment.
  const alignTo =
    state.status.name === "rateLimited"
      ? state.status.retryAt
      : state.phase === "upcoming"
        ? saleWindow.startsAt
        : saleWindow.endsAt;
  const now = useServerNow(renderedAt, alignTo);
  const phase = buyPhase(saleWindow, now);

  useEffect(() => observe(now, phase, stock), [observe, now, phase, stock?.left, stock?.readAt]); // eslint-disable-line react-hooks/exhaustive-deps -- stock is compared by value

  const liveRegion = useLiveRegion(state.status, live);

  return (
    <section className={styles.panel} aria-label="Buy this item" data-testid="sale-panel" data-phase={phase}>
      <Timing phase={phase} now={now} startsAt={saleWindow.startsAt} endsAt={saleWindow.endsAt} />
      <PanelStock phase={phase} live={live} totalStock={sale.totalStock} />
      <BuyAction
        status={state.status}
        now={now}
        startsAt={saleWindow.startsAt}
        priceLabel={formatPrice(sale.priceMinor, sale.currency)}
        signInHref={`/signin?${new URLSearchParams({ callbackUrl: `/sales/${sale.slug}` })}`}
        onBuy={() => void buy()}
      />
      <p
        ref={liveRegion}
        className={shared.srOnly}
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-testid="announcer"
      />
    </section>
  );
}

/** Writes announcements straight into the live region: what changed, once, never every tick. */
function useLiveRegion(status: BuyStatus, live: LiveSale | null) {
  const region = useRef<HTMLParagraphElement>(null);
  const previousStatus = useRef<BuyStatus | null>(null);
  const previousLeft = useRef<number | null>(null);

  useEffect(() => {
    const sentence = statusAnnouncement(previousStatus.current, status);
    previousStatus.current = status;
    if (sentence && region.current) region.current.textContent = sentence;
  }, [status]);

  const left = live?.stockLeft ?? null;
  const total = live?.total ?? 0;
  useEffect(() => {
    if (left === null) return;
    const sentence = stockAnnouncement(previousLeft.current, left, total);
    previousLeft.current = left;
    if (sentence && region.current) region.current.textContent = sentence;
  }, [left, total]);

  return region;
}

function PanelStock({ phase, live, totalStock }: { phase: BuyPhase; live: LiveSale | null; totalStock: number }) {
  if (phase === "upcoming" || !live)
    return <UnitsLeftBar left={totalStock} total={totalStock} caption={`${totalStock} units`} />;
  if (phase !== "ended") return <UnitsLeftBar left={live.stockLeft} total={live.total} />;
  const sold = live.total - live.stockLeft;
  const caption = live.stockLeft === 0 ? `Sold out · all ${live.total} units` : `${sold} of ${live.total} sold`;
  return <UnitsLeftBar left={live.stockLeft} total={live.total} caption={caption} muted />;
}

function Timing({ phase, now, startsAt, endsAt }: { phase: BuyPhase; now: number; startsAt: number; endsAt: number }) {
  const counting = phase === "upcoming" || phase === "live";
  const target = phase === "upcoming" ? startsAt : endsAt;
  const { clock, spoken } = formatDuration(target - now);
  const heading = { upcoming: "Starts in", live: "Ends in", paused: "Paused", ended: "Ended" }[phase];
  return (
    <div className={styles.timing} data-phase={phase}>
      <span className={styles.timingLabel}>{heading}</span>
      {counting ? (
        <span className={styles.timingClock} role="timer" data-testid="countdown">
          <span aria-hidden="true">{clock}</span>
          <span className={shared.srOnly}>{spoken}</span>
        </span>
      ) : (
        <span className={styles.timingClock}>{phase === "paused" ? "Back soon" : "Closed"}</span>
      )}
      <span className={styles.timingNote}>
        {phase === "upcoming" ? "Opens " : phase === "ended" ? "Ended " : "Closes "}
        <LocalTime value={phase === "upcoming" ? startsAt : endsAt} />
      </span>
    </div>
  );
}
