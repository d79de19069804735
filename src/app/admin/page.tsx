// /admin — every sale that is not archived: status, how it opens, live stock, orders by state, the
// waitlist, and where to go next.
import type { Metadata } from "next";
import Link from "next/link";
import { formatPrice } from "~/lib/money";
import { serverCaller } from "~/trpc/server";
import { formatUtc } from "./_components/format";
import { ModeTag } from "./_components/mode-tag";
import { StatusBadge } from "./_components/status-badge";
import { AdminStockBar } from "./_components/admin-stock-bar";
import { OrderCountSummary } from "./_components/order-counts";
import { requireAdmin } from "./_lib/require-admin";
import styles from "./admin.module.css";

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
        <ul className={styles.saleList} aria-label="Sales">
          {sales.map((sale) => (
            <li key={sale.id} className={styles.saleRow} data-testid="admin-sale-row">
              <div className={styles.saleMain}>
                <div className={styles.badges}>
                  <StatusBadge status={sale.status} label={sale.statusLabel} />
                  <ModeTag mode={sale.openingMode} />
                </div>
                <h2 className={styles.saleTitle}>
                  <Link href={`/admin/sales/${sale.id}`}>{sale.title}</Link>
                </h2>
                <span className="muted">
                  {formatPrice(sale.priceMinor, sale.currency)} · {formatUtc(sale.startsAt)} → {formatUtc(sale.endsAt)}
                </span>
                {sale.state !== "DRAFT" && (
                  <OrderCountSummary
                    orders={sale.orders}
                    waitlisted={sale.waitlisted}
                    waitlistEnabled={sale.waitlistEnabled}
                  />
                )}
              </div>
              <AdminStockBar left={sale.stockLeft} total={sale.totalStock} />
              <Link href={`/admin/sales/${sale.id}/orders`} className={styles.orderCount}>
                {sale.orderTotal.toLocaleString("en-US")} {sale.orderTotal === 1 ? "order" : "orders"}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
