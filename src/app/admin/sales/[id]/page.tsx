// /admin/sales/:id — a sale's orders by state, how it opens (with a fair draw's commitment), its
// editor within the rules of its status, its lifecycle, and the way to its fairness report.
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SaleActions } from "~/app/admin/_components/sale-actions";
import { SaleEditor } from "~/app/admin/_components/sale-editor";
import { formatUtc } from "~/app/admin/_components/format";
import { ModeTag } from "~/app/admin/_components/mode-tag";
import { StatusBadge } from "~/app/admin/_components/status-badge";
import { AdminStockBar } from "~/app/admin/_components/admin-stock-bar";
import { OrderCountTiles } from "~/app/admin/_components/order-counts";
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

  return (
    <>
      <div className={styles.pageHead}>
        <div className={styles.saleMain}>
          <div className={styles.badges}>
            <StatusBadge status={sale.status} label={sale.statusLabel} />
            <ModeTag mode={sale.openingMode} />
          </div>
          <h1>{sale.title}</h1>
        </div>
        <div className={styles.headFigures}>
          <AdminStockBar left={sale.stockLeft} total={sale.totalStock} />
          <Link href={`/admin/sales/${sale.id}/orders`} className={styles.orderCount}>
            {sale.orderTotal.toLocaleString("en-US")} {sale.orderTotal === 1 ? "order" : "orders"}
          </Link>
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
      {sale.state !== "DRAFT" && (
        <OrderCountTiles
          saleId={sale.id}
          orders={sale.orders}
          waitlisted={sale.waitlisted}
          waitlistEnabled={sale.waitlistEnabled}
        />
      )}
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
        }}
      />
    </>
  );
}
