// A sale's page: the product on one side, the countdown, live stock and buy box on the other.
// Everything the buy box needs to start in the right state (sign-in, where the shopper stands in
// the sale, stock, server time, a return from the payment page) is read here, so a refresh
// mid-purchase comes back where it was.
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { formatPrice } from "~/lib/money";
import { getServerSession } from "~/server/auth";
import { serverCaller } from "~/trpc/server";
import { SalePanel } from "./sale-panel";
import styles from "./sale.module.css";

type Params = Promise<{ slug: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The payment provider sends shoppers back with `?checkout=success` or `?checkout=cancelled`. */
function paymentReturn(value: string | string[] | undefined): "success" | "cancelled" | null {
  return value === "success" || value === "cancelled" ? value : null;
}

const loadSale = cache(async (slug: string) => {
  try {
    return await (await serverCaller()).sale.bySlug({ slug });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const sale = await loadSale((await params).slug);
  return { title: sale.title, description: sale.description.slice(0, 160) };
}

export default async function SalePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const sale = await loadSale((await params).slug);
  const returnedFromPayment = paymentReturn((await searchParams).checkout);
  const session = await getServerSession();
  const initialOrder = session ? await (await serverCaller()).order.status({ saleId: sale.id }) : null;

  return (
    <article className={styles.layout}>
      <div className={styles.media}>
        {sale.imageUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- admin-supplied URLs from any host
          <img src={sale.imageUrl} alt={sale.title} width={800} height={600} />
        ) : (
          <span className={styles.placeholder} aria-hidden="true">
            {sale.title.slice(0, 1)}
          </span>
        )}
      </div>
      <div className={styles.details}>
        <header className={styles.header}>
          <h1>{sale.title}</h1>
          <p className={styles.price}>{formatPrice(sale.priceMinor, sale.currency)}</p>
        </header>
        <SalePanel
          sale={{
            id: sale.id,
            slug: sale.slug,
            priceMinor: sale.priceMinor,
            currency: sale.currency,
            totalStock: sale.totalStock,
            state: sale.state,
            startsAt: sale.startsAt,
            endsAt: sale.endsAt,
            endedAt: sale.endedAt,
            openingMode: sale.openingMode,
            lobbyOpensAt: sale.lobbyOpensAt,
            challengeRequired: sale.challengeRequired,
            minAccountAgeDays: sale.minAccountAgeDays,
          }}
          renderedAt={sale.serverNow.getTime()}
          signedIn={session !== null}
          initialOrder={initialOrder}
          initialLive={sale.live}
          returnedFromPayment={returnedFromPayment}
          nextDrop={sale.nextDrop}
        />
        <section className={styles.description} aria-labelledby="about-title">
          <h2 id="about-title">About this drop</h2>
          <p>{sale.description}</p>
          <p className={styles.fine}>
            {sale.openingMode === "FAIR_DRAW"
              ? "One per person, never oversold. This sale opens with a fair draw: everyone who enters the lobby before the start has the same chance, and one shuffled draw at the start decides who gets the units. A unit you win is held for you while you pay; one not paid in time goes to the next shopper in line."
              : "One per person. Units go to shoppers in the order their requests reach us, and are never oversold. A unit you win is held for you while you pay; one not paid in time goes to the next shopper."}
          </p>
        </section>
      </div>
    </article>
  );
}
