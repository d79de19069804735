// The storefront: live sales first, then upcoming ones with countdowns, then the recently ended.
import Link from "next/link";
import { SaleCard, type SaleCardData } from "~/app/_components/sale-card";
import homeStyles from "~/app/_components/home.module.css";
import { RefreshOnBoundary } from "~/app/_components/refresh-on-boundary";
import { StatePanel, stateButtonClass } from "~/app/_components/state-panel";
import styles from "~/app/_components/storefront.module.css";
import { logger } from "~/server/logger";
import type { RouterOutputs } from "~/trpc/react";
import { serverCaller } from "~/trpc/server";

export const dynamic = "force-dynamic";

type Sale = RouterOutputs["sale"]["list"][number];

const sections = [
  { key: "live", title: "Live now", phases: ["live", "paused"] },
  { key: "upcoming", title: "Coming up", phases: ["upcoming"] },
  { key: "ended", title: "Recently ended", phases: ["ended"] },
] as const satisfies ReadonlyArray<{ key: string; title: string; phases: ReadonlyArray<SaleCardData["phase"]> }>;

/**
 * How wide a section is on the home grid: as many columns as it has cards (up to three), so short
 * sections sit side by side on a wide screen instead of one narrow card per row; longer ones take
 * the full width.
 */
function sectionSize(cards: number): "1" | "2" | "3" | "full" {
  return cards >= 4 ? "full" : (String(cards) as "1" | "2" | "3");
}

interface Storefront {
  /** Each with its live stock when Redis answered (a hiccup shows cards without it, not an error). */
  sales: Sale[];
  /** Server time of the render, to seed the browser's countdowns. */
  renderedAt: number;
}

async function loadStorefront(): Promise<Storefront | null> {
  try {
    const sales = await (await serverCaller()).sale.list();
    return { sales, renderedAt: Date.now() };
  } catch (error) {
    logger.error("storefront.list_failed", { message: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

export default async function HomePage() {
  const storefront = await loadStorefront();

  return (
    <>
      <header className={homeStyles.hero}>
        <h1>Flash sales</h1>
        <p>Limited drops. One per person. Never oversold.</p>
      </header>

      {!storefront ? (
        <StatePanel
          icon="alert"
          tone="error"
          title="We could not load the sales"
          actions={
            <Link href="/" className={stateButtonClass} prefetch={false}>
              Try again
            </Link>
          }
        >
          Something went wrong on our side. Your purchases are safe; please try again in a moment.
        </StatePanel>
      ) : storefront.sales.length === 0 ? (
        <StatePanel icon="bag" title="No sales right now">
          New drops are announced here. Check back soon — the next one might start any minute.
        </StatePanel>
      ) : (
        <>
          <RefreshOnBoundary
            renderedAt={storefront.renderedAt}
            moments={storefront.sales.flatMap((sale) => [sale.startsAt.getTime(), sale.endsAt.getTime()])}
          />
          <div className={homeStyles.sections}>
            {sections.map(({ key, title, phases }) => {
              const list = storefront.sales.filter((sale) => (phases as readonly string[]).includes(sale.phase));
              if (list.length === 0) return null;
              return (
                <section
                  key={key}
                  className={homeStyles.section}
                  aria-labelledby={`section-${key}`}
                  data-size={sectionSize(list.length)}
                >
                  <div className={homeStyles.sectionHeader}>
                    {key === "live" && <span className={homeStyles.liveDot} aria-hidden="true" />}
                    <h2 id={`section-${key}`}>{title}</h2>
                    <span className={homeStyles.count}>
                      {list.length}
                      <span className={styles.srOnly}> {list.length === 1 ? "sale" : "sales"}</span>
                    </span>
                  </div>
                  <ul className={styles.grid}>
                    {list.map((sale) => (
                      <li key={sale.id}>
                        <SaleCard sale={sale} live={sale.live} renderedAt={storefront.renderedAt} />
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        </>
      )}
    </>
  );
}
