// /admin/sales/:id/orders[?state=HELD&q=…&page=2] — who won a unit, when (to the second), and where
// each order stands, filtered by state with plain links and searched by email or order number with
// a plain form (no script needed); CSV of the same selection.
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requireAdmin } from "~/app/admin/_lib/require-admin";
import styles from "~/app/admin/admin.module.css";
import { ORDER_STATUS_LABELS } from "~/lib/checkout";
import { formatDateTime } from "~/lib/date-format";
import { formatPrice } from "~/lib/money";
import {
  isOrderStateFilter,
  ORDER_STATE_FILTERS,
  totalOrders,
  type OrderStateFilter,
} from "~/server/sales/admin/order-counts";
import { orderSearchSchema } from "~/server/sales/admin/sale-orders";
import { serverCaller } from "~/trpc/server";
import own from "./orders.module.css";

export const metadata: Metadata = { title: "Orders" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** What the page shows: a state (or every state), a search (or none), a page. */
interface Selection {
  state: OrderStateFilter | null;
  search: string | null;
  page?: number;
}

/** "orders awaiting payment", "order paid": how a filtered count reads in a sentence. */
function ordersIn(count: number, state: OrderStateFilter | null): string {
  const noun = count === 1 ? "order" : "orders";
  return state ? `${noun} ${ORDER_STATUS_LABELS[state].toLowerCase()}` : noun;
}

function selectionQuery({ state, search, page = 1 }: Selection): string {
  const query = new URLSearchParams();
  if (state) query.set("state", state);
  if (search) query.set("q", search);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `?${text}` : "";
}

function ordersHref(saleId: string, selection: Selection): string {
  return `/admin/sales/${saleId}/orders${selectionQuery(selection)}`;
}

/** Admin tables read to the second, in UTC (the server's rendering has no zone of the reader's). */
function Moment({ at }: { at: Date }) {
  return (
    <time dateTime={at.toISOString()} className={own.time}>
      {formatDateTime(at, { seconds: true })}
    </time>
  );
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
      <Moment at={expiresAt} />
      {/* Overdue holds are released by the next sweep; until then the shopper may still pay. */}
      {expiresAt.getTime() <= now && <span className={styles.overdue}>Overdue, releasing</span>}
    </>
  );
}

function SearchForm({
  saleId,
  state,
  typed,
  error,
}: {
  saleId: string;
  state: OrderStateFilter | null;
  typed: string;
  error: string | null;
}) {
  const described = error ? "orders-search-hint orders-search-error" : "orders-search-hint";
  return (
    <form className={own.search} role="search" action={`/admin/sales/${saleId}/orders`} method="get">
      {state && <input type="hidden" name="state" value={state} />}
      <div className={own.searchField}>
        <label htmlFor="orders-search" className={own.searchLabel}>
          Find an order
        </label>
        <span id="orders-search-hint" className={own.searchHint}>
          An email (or part of one) or an order number such as SP-1A2B3-C4D5E.
        </span>
        <input
          id="orders-search"
          name="q"
          type="search"
          defaultValue={typed}
          className={own.searchInput}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={described}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <button type="submit" className={own.searchButton}>
        Search
      </button>
      {typed && (
        <Link href={ordersHref(saleId, { state, search: null })} className={own.clear}>
          Clear search
        </Link>
      )}
      {error && (
        <p id="orders-search-error" className={own.searchError} role="alert">
          {error}
        </p>
      )}
    </form>
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
  // A search the server would refuse is said beside the box, and every order is shown meanwhile.
  const typed = typeof query.q === "string" ? query.q : "";
  const checked = orderSearchSchema.safeParse(typed);
  const searchError = checked.success ? null : (checked.error.issues[0]?.message ?? "That search is not valid.");
  const search = checked.success && checked.data ? checked.data : null;

  const caller = await serverCaller();
  const orders = await caller.admin.sale
    .orders({ saleId: id, page, pageSize: PAGE_SIZE, state: state ?? undefined, search: search ?? undefined })
    .catch((error: unknown) => {
      if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
      throw error;
    });
  if (orders.items.length === 0 && orders.page > orders.pageCount)
    redirect(ordersHref(id, { state, search, page: orders.pageCount }));
  const first = (orders.page - 1) * orders.pageSize + 1;
  const allOrders = totalOrders(orders.counts);
  const csvHref = `/admin/sales/${id}/orders.csv${selectionQuery({ state, search })}`;
  const now = orders.readAt.getTime();
  const matching = search ? ` matching “${search}”` : "";

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
          {(state || search) && (
            <span className={styles.visuallyHidden}>
              {" "}
              of the {ordersIn(2, state)}
              {matching}
            </span>
          )}
        </a>
      </div>

      {allOrders > 0 && (
        <>
          <SearchForm saleId={id} state={state} typed={typed} error={searchError} />
          <nav className={styles.filters} aria-label="Filter orders by state">
            <ul className={styles.filterList}>
              <li>
                <Link
                  href={ordersHref(id, { state: null, search })}
                  className={styles.filterLink}
                  aria-current={state === null ? "page" : undefined}
                >
                  All <span className={styles.filterCount}>{allOrders.toLocaleString("en-US")}</span>
                </Link>
              </li>
              {ORDER_STATE_FILTERS.map((each) => (
                <li key={each}>
                  <Link
                    href={ordersHref(id, { state: each, search })}
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
        </>
      )}

      {allOrders === 0 ? (
        <p className="empty-state">No orders yet.</p>
      ) : orders.total === 0 ? (
        <p className="empty-state" data-testid="orders-empty">
          No {ordersIn(0, state)}
          {matching}. <Link href={ordersHref(id, { state: null, search: null })}>Show every order</Link>
        </p>
      ) : (
        <>
          {/* Focusable so keyboard users can scroll the table sideways on a narrow screen. */}
          <div className={styles.tableWrap} role="region" aria-labelledby="orders-caption" tabIndex={0}>
            <table className={styles.table}>
              <caption id="orders-caption" className={styles.caption}>
                {orders.total.toLocaleString("en-US")} {ordersIn(orders.total, state)}
                {matching}, oldest first
                {orders.pageCount > 1 && ` — showing ${first}–${first + orders.items.length - 1}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Email</th>
                  <th scope="col">Reserved at</th>
                  <th scope="col">State</th>
                  <th scope="col">Price</th>
                  <th scope="col">Hold expires</th>
                </tr>
              </thead>
              <tbody>
                {orders.items.map((order) => (
                  <tr key={order.id} data-testid="order-row">
                    <td className={styles.orderNumber}>{order.orderNumber}</td>
                    <td>{order.email}</td>
                    <td>
                      <Moment at={order.reservedAt} />
                    </td>
                    <td>
                      {ORDER_STATUS_LABELS[order.status]}
                      {order.holdKind === "OFFER" && (
                        <span className={styles.orderNote}>Offered from the waitlist</span>
                      )}
                    </td>
                    <td>{formatPrice(order.priceMinor, order.currency)}</td>
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
              {orders.page > 1 && (
                <Link href={ordersHref(id, { state, search, page: orders.page - 1 })}>← Previous</Link>
              )}
              <span className="muted">
                Page {orders.page} of {orders.pageCount}
              </span>
              {orders.page < orders.pageCount && (
                <Link href={ordersHref(id, { state, search, page: orders.page + 1 })}>Next →</Link>
              )}
            </nav>
          )}
        </>
      )}
    </>
  );
}
