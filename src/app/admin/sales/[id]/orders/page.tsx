// /admin/sales/:id/orders — who won a unit, when, and the order's status; CSV for everything.
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { formatUtc } from "~/app/admin/_components/format";
import { requireAdmin } from "~/app/admin/_lib/require-admin";
import styles from "~/app/admin/admin.module.css";
import { serverCaller } from "~/trpc/server";

export const metadata: Metadata = { title: "Orders" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;
const STATUS_LABELS = {
  PENDING: "Pending",
  CONFIRMED: "Confirmed",
  CANCELLED: "Cancelled",
  REFUSED_OVERSOLD: "Refused: oversold",
} as const;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SaleOrdersPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requireAdmin(`/admin/sales/${id}/orders`);

  const rawPage = Number((await searchParams).page);
  const page = Number.isInteger(rawPage) && rawPage >= 1 && rawPage <= 100_000 ? rawPage : 1;
  const caller = await serverCaller();
  const orders = await caller.admin.sale.orders({ saleId: id, page, pageSize: PAGE_SIZE }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  if (orders.items.length === 0 && orders.page > orders.pageCount)
    redirect(`/admin/sales/${id}/orders?page=${orders.pageCount}`);
  const first = (orders.page - 1) * orders.pageSize + 1;

  return (
    <>
      <div className={styles.pageHead}>
        <div>
          <p className={styles.kicker}>
            <Link href={`/admin/sales/${id}`}>{orders.sale.title}</Link>
          </p>
          <h1>Orders</h1>
        </div>
        <a href={`/admin/sales/${id}/orders.csv`} className={styles.secondaryLink} download>
          Download CSV
        </a>
      </div>

      {orders.total === 0 ? (
        <p className="empty-state">No orders yet.</p>
      ) : (
        <>
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <caption className={styles.caption}>
                {orders.total.toLocaleString("en-US")} {orders.total === 1 ? "order" : "orders"}, oldest first
                {orders.pageCount > 1 && ` — showing ${first}–${first + orders.items.length - 1}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Reserved at</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {orders.items.map((order) => (
                  <tr key={order.id}>
                    <td>{order.email}</td>
                    <td>
                      <time dateTime={order.reservedAt.toISOString()}>{formatUtc(order.reservedAt)}</time>
                    </td>
                    <td>{STATUS_LABELS[order.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {orders.pageCount > 1 && (
            <nav className={styles.pager} aria-label="Pages">
              {orders.page > 1 && <Link href={`?page=${orders.page - 1}`}>← Previous</Link>}
              <span className="muted">
                Page {orders.page} of {orders.pageCount}
              </span>
              {orders.page < orders.pageCount && <Link href={`?page=${orders.page + 1}`}>Next →</Link>}
            </nav>
          )}
        </>
      )}
    </>
  );
}
