// /admin/sales/:id/orders[?state=HELD&page=2] — who won a unit, when, and where each order stands,
// filtered by state with plain links (no script needed); CSV of the same selection.
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { formatUtc } from "~/app/admin/_components/format";
import { requireAdmin } from "~/app/admin/_lib/require-admin";
import styles from "~/app/admin/admin.module.css";
import { ORDER_STATUS_LABELS } from "~/lib/checkout";
import {
  isOrderStateFilter,
  ORDER_STATE_FILTERS,
  totalOrders,
  type OrderStateFilter,
} from "~/server/sales/admin/order-counts";
import { serverCaller } from "~/trpc/server";

export const metadata: Metadata = { title: "Orders" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** "orders awaiting payment", "order paid": how a filtered count reads in a sentence. */
function ordersIn(count: number, state: OrderStateFilter | null): string {
  const noun = count === 1 ? "order" : "orders";
  return state ? `${noun} ${ORDER_STATUS_LABELS[state].toLowerCase()}` : noun;
}

function ordersHref(saleId: string, state: OrderStateFilter | null, page = 1): string {
  const query = new URLSearchParams();
  if (state) query.set("state", state);
  if (page > 1) query.set("page", String(page));
  const search = query.toString();
  return `/admin/sales/${saleId}/orders${search ? `?${search}` : ""}`;
}

function HoldExpiry({ status, expiresAt, now }: { status: string; expiresAt: Date | null; now: number }) {
  if (status !== "HELD" || !expiresAt) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className={styles.visuallyHidden}>No hold running</span>
      </>
    );
  }
  return (
    <>
      <time dateTime={expiresAt.toISOString()}>{formatUtc(expiresAt)}</time>
      {/* Overdue holds are released by the next sweep; until then the shopper may still pay. */}
      {expiresAt.getTime() <= now && <span className={styles.overdue}>Overdue, releasing</span>}
    </>
  );
}

export default async function SaleOrdersPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requireAdmin(`/admin/sales/${id}/orders`);

  const query = await searchParams;
  const rawPage = Number(query.page);
  const page = Number.isInteger(rawPage) && rawPage >= 1 && rawPage <= 100_000 ? rawPage : 1;
  // An unknown state (an old or mistyped link) shows every order rather than an error.
  const state = isOrderStateFilter(query.state) ? query.state : null;
  const caller = await serverCaller();
  const orders = await caller.admin.sale
    .orders({ saleId: id, page, pageSize: PAGE_SIZE, state: state ?? undefined })
    .catch((error: unknown) => {
      if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
      throw error;
    });
  if (orders.items.length === 0 && orders.page > orders.pageCount) redirect(ordersHref(id, state, orders.pageCount));
  const first = (orders.page - 1) * orders.pageSize + 1;
  const allOrders = totalOrders(orders.counts);
  const csvHref = `/admin/sales/${id}/orders.csv${state ? `?state=${state}` : ""}`;
  const now = orders.readAt.getTime();

  return (
    <>
      <div className={styles.pageHead}>
        <div>
          <p className={styles.kicker}>
            <Link href={`/admin/sales/${id}`}>{orders.sale.title}</Link>
          </p>
          <h1>Orders</h1>
        </div>
        <a href={csvHref} className={styles.secondaryLink} download>
          Download CSV
          {state && <span className={styles.visuallyHidden}> of the {ordersIn(2, state)}</span>}
        </a>
      </div>

      {allOrders > 0 && (
        <nav className={styles.filters} aria-label="Filter orders by state">
          <ul className={styles.filterList}>
            <li>
              <Link
                href={ordersHref(id, null)}
                className={styles.filterLink}
                aria-current={state === null ? "page" : undefined}
              >
                All <span className={styles.filterCount}>{allOrders.toLocaleString("en-US")}</span>
              </Link>
            </li>
            {ORDER_STATE_FILTERS.map((each) => (
              <li key={each}>
                <Link
                  href={ordersHref(id, each)}
                  className={styles.filterLink}
                  aria-current={state === each ? "page" : undefined}
                >
                  {ORDER_STATUS_LABELS[each]}{" "}
                  <span className={styles.filterCount}>{orders.counts[each].toLocaleString("en-US")}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}

      {allOrders === 0 ? (
        <p className="empty-state">No orders yet.</p>
      ) : orders.total === 0 ? (
        <p className="empty-state">
          No {ordersIn(0, state)}. <Link href={ordersHref(id, null)}>Show every order</Link>
        </p>
      ) : (
        <>
          {/* Focusable so keyboard users can scroll the table sideways on a narrow screen. */}
          <div className={styles.tableWrap} role="region" aria-labelledby="orders-caption" tabIndex={0}>
            <table className={styles.table}>
              <caption id="orders-caption" className={styles.caption}>
                {orders.total.toLocaleString("en-US")} {ordersIn(orders.total, state)}, oldest first
                {orders.pageCount > 1 && ` — showing ${first}–${first + orders.items.length - 1}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Email</th>
                  <th scope="col">Reserved at</th>
                  <th scope="col">State</th>
                  <th scope="col">Hold expires</th>
                </tr>
              </thead>
              <tbody>
                {orders.items.map((order) => (
                  <tr key={order.id}>
                    <td className={styles.orderNumber}>{order.orderNumber}</td>
                    <td>{order.email}</td>
                    <td>
                      <time dateTime={order.reservedAt.toISOString()}>{formatUtc(order.reservedAt)}</time>
                    </td>
                    <td>
                      {ORDER_STATUS_LABELS[order.status]}
                      {order.holdKind === "OFFER" && (
                        <span className={styles.orderNote}>Offered from the waitlist</span>
                      )}
                    </td>
                    <td>
                      <HoldExpiry status={order.status} expiresAt={order.expiresAt} now={now} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {orders.pageCount > 1 && (
            <nav className={styles.pager} aria-label="Pages">
              {orders.page > 1 && <Link href={ordersHref(id, state, orders.page - 1)}>← Previous</Link>}
              <span className="muted">
                Page {orders.page} of {orders.pageCount}
              </span>
              {orders.page < orders.pageCount && <Link href={ordersHref(id, state, orders.page + 1)}>Next →</Link>}
            </nav>
          )}
        </>
      )}
    </>
  );
}
