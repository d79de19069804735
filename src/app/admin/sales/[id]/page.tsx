// /admin/sales/:id — a sale's orders by state, how it opens (with a fair draw's commitment), its
// editor within the rules of its status, its lifecycle, and the way to its fairness report and live
// monitor. The header's status, stock and order figures refresh every 2 s (live-counts.tsx).
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SaleActions } from "~/app/admin/_components/sale-actions";
import { SaleEditor } from "~/app/admin/_components/sale-editor";
import { formatUtc } from "~/app/admin/_components/format";
import { ModeTag } from "~/app/admin/_components/mode-tag";
import {
  LiveCountsProvider,
  LiveOrderTiles,
  LiveOrderTotal,
  LiveStatusBadge,
  LiveStockBar,
} from "~/app/admin/_components/live-counts";
import { liveCountsOf } from "~/app/admin/_components/live-initial";
import { requireAdmin } from "~/app/admin/_lib/require-admin";
import styles from "~/app/admin/admin.module.css";
import { serverCaller } from "~/trpc/server";

export const metadata: Metadata = { title: "Edit sale" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EditSalePage({ params, searchParams }: Props) {
  const { id } = await params;
  await requireAdmin(`/admin/sales/${id}`);

  const sale = await (await serverCaller()).admin.sale.byId({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const justCreated = (await searchParams).created === "1";
  const {
    title,
    slug,
    description,
    imageUrl,
    priceMinor,
    currency,
    totalStock,
    startsAt,
    endsAt,
    holdSeconds,
    offerSeconds,
    waitlistEnabled,
    openingMode,
    lobbyMinutes,
    challengeCost,
    minAccountAgeDays,
  } = sale;

  const live = liveCountsOf(sale);

  return (
    <LiveCountsProvider initial={[live]}>
      <div className={styles.pageHead}>
        <div className={styles.saleMain}>
          <div className={styles.badges}>
            <LiveStatusBadge initial={live} />
            <ModeTag mode={sale.openingMode} />
          </div>
          <h1>{sale.title}</h1>
        </div>
        <div className={styles.headFigures}>
          <LiveStockBar initial={live} />
          <Link href={`/admin/sales/${sale.id}/orders`} className={styles.orderCount}>
            <LiveOrderTotal initial={live} />
          </Link>
          {sale.state !== "DRAFT" && (
            <Link href={`/admin/sales/${sale.id}/monitor`} className={styles.orderCount}>
              Live monitor
            </Link>
          )}
          {sale.state !== "DRAFT" && (
            <Link href={`/admin/sales/${sale.id}/fairness`} className={styles.orderCount}>
              Fairness report
            </Link>
          )}
        </div>
      </div>
      {sale.openingMode === "FAIR_DRAW" && (
        <p className={styles.kicker}>
          {sale.lobbyOpensAt && (
            <>
              Lobby {sale.lobbyOpen ? "opened" : "opens"}{" "}
              <time dateTime={sale.lobbyOpensAt.toISOString()}>{formatUtc(sale.lobbyOpensAt)}</time>
              {sale.drawnAt ? (
                <>
                  {" "}
                  · drawn <time dateTime={sale.drawnAt.toISOString()}>{formatUtc(sale.drawnAt)}</time>
                  {sale.drawEntrants !== null && ` among ${sale.drawEntrants.toLocaleString("en-US")} entrants`}
                </>
              ) : (
                <> · draw at the start</>
              )}
              .{" "}
            </>
          )}
          {sale.drawCommitment && (
            <>
              Seed commitment <span className={styles.commitment}>{sale.drawCommitment}</span>
            </>
          )}
        </p>
      )}
      {sale.state !== "DRAFT" && <LiveOrderTiles initial={live} />}
      {justCreated && (
        <p className={styles.notice} role="status">
          Draft saved. Publish it when it is ready; shoppers see nothing until then.
        </p>
      )}
      <SaleActions saleId={sale.id} allowed={sale.actions} />
      <SaleEditor
        sale={{
          id: sale.id,
          values: {
            title,
            slug,
            description,
            imageUrl,
            priceMinor,
            currency,
            totalStock,
            startsAt,
            endsAt,
            holdSeconds,
            offerSeconds,
            waitlistEnabled,
            openingMode,
            lobbyMinutes,
            challengeCost,
            minAccountAgeDays,
          },
          locked: sale.locked,
          state: sale.state,
          stockLeft: sale.stockLeft,
          endedAt: sale.endedAt,
        }}
      />
    </LiveCountsProvider>
  );
}
