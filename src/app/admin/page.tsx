// /admin — every sale that is not archived: status, how it opens, live stock, orders by state, the
// waitlist, and where to go next. Status, stock and orders refresh every 2 s (live-counts.tsx).
import type { Metadata } from "next";
import Link from "next/link";
import { formatPrice } from "~/lib/money";
import { serverCaller } from "~/trpc/server";
import { formatUtc } from "./_components/format";
import { ModeTag } from "./_components/mode-tag";
import {
  LiveCountsProvider,
  LiveOrderSummary,
  LiveOrderTotal,
  LiveStatusBadge,
  LiveStockBar,
} from "./_components/live-counts";
import { liveCountsOf } from "./_components/live-initial";
import { requireAdmin } from "./_lib/require-admin";
import styles from "./admin.module.css";
import liveStyles from "./_components/live-counts.module.css";

export const metadata: Metadata = { title: "Sales" };
export const dynamic = "force-dynamic";

export default async function AdminSalesPage() {
  await requireAdmin("/admin");
  const sales = await (await serverCaller()).admin.sale.list();

  return (
    <>
      <div className={styles.pageHead}>
        <h1>Sales</h1>
        <Link href="/admin/sales/new" className={styles.primaryLink}>
          New sale
        </Link>
      </div>
      {sales.length === 0 ? (
        <p className="empty-state">No sales yet. Create the first one.</p>
      ) : (
        <LiveCountsProvider initial={sales.map(liveCountsOf)}>
          <ul className={styles.saleList} aria-label="Sales">
            {sales.map((sale) => (
              <li key={sale.id} className={styles.saleRow} data-testid="admin-sale-row">
                <div className={styles.saleMain}>
                  <div className={styles.badges}>
                    <LiveStatusBadge initial={liveCountsOf(sale)} />
                    <ModeTag mode={sale.openingMode} />
                  </div>
                  <h2 className={styles.saleTitle}>
                    <Link href={`/admin/sales/${sale.id}`}>{sale.title}</Link>
                  </h2>
                  <span className="muted">
                    {formatPrice(sale.priceMinor, sale.currency)} · {formatUtc(sale.startsAt)} →{" "}
                    {formatUtc(sale.actualEnd)}
                  </span>
                  {sale.state !== "DRAFT" && <LiveOrderSummary initial={liveCountsOf(sale)} />}
                </div>
                <LiveStockBar initial={liveCountsOf(sale)} />
                <span className={liveStyles.rowLinks}>
                  <Link href={`/admin/sales/${sale.id}/orders`} className={styles.orderCount}>
                    <LiveOrderTotal initial={liveCountsOf(sale)} />
                  </Link>
                  {sale.state !== "DRAFT" && (
                    <Link
                      href={`/admin/sales/${sale.id}/monitor`}
                      className={styles.orderCount}
                      aria-label={`Monitor ${sale.title}`}
                    >
                      Monitor
                    </Link>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </LiveCountsProvider>
      )}
    </>
  );
}
