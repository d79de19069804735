import Link from "next/link";
import { formatPrice } from "~/lib/money";

export interface SaleCardData {
  slug: string;
  title: string;
  imageUrl: string | null;
  priceMinor: number;
  currency: string;
  totalStock: number;
  startsAt: Date;
  endsAt: Date;
  phase: "live" | "upcoming" | "paused" | "ended";
}

const phaseLabel = { live: "Live now", upcoming: "Upcoming", paused: "Paused", ended: "Ended" } as const;

export function SaleCard({ sale }: { sale: SaleCardData }) {
  return (
    <article className="sale-card" data-testid="sale-card">
      {/* eslint-disable-next-line @next/next/no-img-element -- admin-supplied URLs from any host */}
      <img src={sale.imageUrl ?? "/products/placeholder.svg"} alt="" loading="lazy" />
      <div className="sale-card-body">
        <span className={`badge badge-${sale.phase}`}>{phaseLabel[sale.phase]}</span>
        <h3>
          <Link href={`/sales/${sale.slug}`}>{sale.title}</Link>
        </h3>
        <span className="price">{formatPrice(sale.priceMinor, sale.currency)}</span>
        <span className="muted">
          {sale.totalStock} units ·{" "}
          {sale.phase === "upcoming" ? (
            <>starts <time dateTime={sale.startsAt.toISOString()}>{sale.startsAt.toUTCString()}</time></>
          ) : (
            <>ends <time dateTime={sale.endsAt.toISOString()}>{sale.endsAt.toUTCString()}</time></>
          )}
        </span>
      </div>
    </article>
  );
}
