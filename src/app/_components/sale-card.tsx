// A sale on the storefront: picture, price, stock, and when it starts or ends. Usable from Server
// and Client Components alike; the live parts (stock poll, countdown) are client leaves.
import Link from "next/link";
import type { LiveSale } from "~/lib/buy-flow/live-sale";
import type { OpeningMode } from "~/lib/fair-draw";
import type { StorefrontPhase } from "~/lib/sale";
import { formatPrice } from "~/lib/money";
import { Countdown } from "./countdown";
import { FairDrawTiming } from "./fair-draw-timing";
import { LiveStockBar } from "./live-stock-bar";
import { LocalTime } from "./local-time";
import { UnitsLeftBar } from "./units-left-bar";
import styles from "./storefront.module.css";

export interface SaleCardData {
  /** Needed for live stock; without it a live card shows the stock it was rendered with. */
  id?: string;
  slug: string;
  title: string;
  imageUrl: string | null;
  priceMinor: number;
  currency: string;
  totalStock: number;
  startsAt: Date;
  endsAt: Date;
  phase: StorefrontPhase;
  /** When an admin ended it early; null or absent for a sale that ran to `endsAt`. */
  endedAt?: Date | null;
  /** How the sale opens; a fair draw's card tells when its lobby opens. First come when absent. */
  openingMode?: OpeningMode;
  lobbyOpensAt?: Date | null;
}

/** What a card's badge shows: the phase, with a running sale that has nothing left told apart. */
export type CardStatus = StorefrontPhase | "sold_out";

/** Shoppers' words for a status (admins see SALE_PHASE_LABELS); each has its own colour. */
const statusLabel: Record<CardStatus, string> = {
  live: "Live now",
  upcoming: "Upcoming",
  paused: "Paused",
  sold_out: "Sold out",
  ended: "Ended",
};

export function cardStatus(phase: StorefrontPhase, live: LiveSale | null): CardStatus {
  return phase === "live" && live?.stockLeft === 0 ? "sold_out" : phase;
}

export interface SaleCardProps {
  sale: SaleCardData;
  /** Stock and window as last read from Redis; null when unknown. */
  live?: LiveSale | null;
  /** Server time the page was rendered at; enables ticking countdowns. */
  renderedAt?: number;
}

export function SaleCard({ sale, live = null, renderedAt }: SaleCardProps) {
  const status = cardStatus(sale.phase, live);
  return (
    <article className={styles.card} data-testid="sale-card" data-phase={sale.phase} data-status={status}>
      <div className={styles.cardMedia}>
        {sale.imageUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- admin-supplied URLs from any host
          <img src={sale.imageUrl} alt="" loading="lazy" />
        ) : (
          <span className={styles.cardPlaceholder} aria-hidden="true">
            {sale.title.slice(0, 1)}
          </span>
        )}
        <span className={styles.badge} data-status={status}>
          {statusLabel[status]}
        </span>
      </div>
      <div className={styles.cardBody}>
        <h3 className={styles.cardTitle}>
          <Link href={`/sales/${sale.slug}`} className={styles.cardLink}>
            {sale.title}
          </Link>
        </h3>
        <span className={styles.cardPrice}>{formatPrice(sale.priceMinor, sale.currency)}</span>
        <CardStock sale={sale} live={live} />
        <CardTiming sale={sale} status={status} renderedAt={renderedAt} />
      </div>
    </article>
  );
}

function CardStock({ sale, live }: { sale: SaleCardData; live: LiveSale | null }) {
  if (sale.phase === "upcoming")
    return <UnitsLeftBar left={sale.totalStock} total={sale.totalStock} measure="offered" />;
  if ((sale.phase === "live" || sale.phase === "paused") && sale.id) {
    return <LiveStockBar saleId={sale.id} initial={live} total={sale.totalStock} />;
  }
  if (!live) return null;
  return <UnitsLeftBar left={live.stockLeft} total={live.total} measure={sale.phase === "ended" ? "sold" : "left"} />;
}

function CardTiming({ sale, status, renderedAt }: { sale: SaleCardData; status: CardStatus; renderedAt?: number }) {
  const target = sale.phase === "upcoming" ? sale.startsAt : sale.endsAt;
  if (sale.phase === "upcoming" && sale.openingMode === "FAIR_DRAW" && sale.lobbyOpensAt) {
    return (
      <span className={styles.cardTiming}>
        {renderedAt === undefined ? (
          <>
            Fair draw — lobby opens <LocalTime value={sale.lobbyOpensAt} />
          </>
        ) : (
          <FairDrawTiming
            lobbyOpensAt={sale.lobbyOpensAt.getTime()}
            startsAt={sale.startsAt.getTime()}
            renderedAt={renderedAt}
          />
        )}
      </span>
    );
  }
  if (sale.phase === "ended") {
    return (
      <span className={styles.cardTiming}>
        Ended <LocalTime value={sale.endedAt ?? sale.endsAt} />
      </span>
    );
  }
  // Nothing left to hurry for: no countdown, just when it closes.
  if (status === "sold_out") {
    return (
      <span className={styles.cardTiming}>
        Every unit claimed · closes <LocalTime value={sale.endsAt} />
      </span>
    );
  }
  const lead = sale.phase === "upcoming" ? "Starts in" : sale.phase === "paused" ? "Paused · ends in" : "Ends in";
  return (
    <span className={styles.cardTiming}>
      {renderedAt === undefined ? (
        <>
          {sale.phase === "upcoming" ? "Starts" : "Ends"} <LocalTime value={target} />
        </>
      ) : (
        <>
          {lead} <Countdown target={target.getTime()} renderedAt={renderedAt} />
        </>
      )}
    </span>
  );
}
