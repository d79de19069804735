// /orders – the signed-in shopper's orders, newest first, each with where it stands: awaiting
// payment (with the time left and the way back to pay), paid or confirmed (with the order number),
// or how it ended without a charge. Visitors are sent to sign in and back.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LocalTime } from "~/app/_components/local-time";
import { StatePanel, stateButtonClass } from "~/app/_components/state-panel";
import { ORDER_STATUS_LABELS, orderNumberOf, type OrderStatusName } from "~/lib/checkout";
import { formatPrice } from "~/lib/money";
import { getServerSession } from "~/server/auth";
import { logger } from "~/server/logger";
import type { RouterOutputs } from "~/trpc/react";
import { serverCaller } from "~/trpc/server";
import { HoldTimeLeft } from "./hold-time-left";
import styles from "./orders.module.css";

export const metadata: Metadata = { title: "My orders" };

type Order = RouterOutputs["order"]["mine"][number];

/** Statuses in which the unit is the shopper's. */
const OWNED: ReadonlySet<OrderStatusName> = new Set(["PAID", "CONFIRMED", "PENDING"]);

/** What each ending means for the shopper, in a sentence. */
const ENDINGS: Partial<Record<OrderStatusName, string>> = {
  PAID: "Paid — the unit is yours.",
  CONFIRMED: "Confirmed — the unit is yours.",
  PENDING: "Confirmed — the unit is yours.",
  EXPIRED: "Not paid in time, so the unit went to the next shopper. You were not charged.",
  CANCELLED: "You let this one go, so it went to the next shopper. You were not charged.",
  REFUNDED: "Your payment arrived after the hold ended, so we refunded it in full — no charge.",
  REFUSED_OVERSOLD: "Every unit was already taken, so we could not honour it. Nothing was charged.",
};

async function loadOrders(): Promise<{ orders: Order[]; serverNow: number } | null> {
  try {
    const orders = await (await serverCaller()).order.mine();
    return { orders, serverNow: Date.now() };
  } catch (error) {
    logger.error("orders.list_failed", { message: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

export default async function OrdersPage() {
  if (!(await getServerSession())) redirect(`/signin?${new URLSearchParams({ callbackUrl: "/orders" })}`);
  const loaded = await loadOrders();

  return (
    <>
      <header className={styles.header}>
        <h1>My orders</h1>
        <p>Everything you have won in a drop: units waiting for your payment, and what became of each one.</p>
      </header>
      {loaded === null ? (
        <StatePanel
          icon="alert"
          tone="error"
          title="We could not load your orders"
          actions={
            <Link href="/orders" className={stateButtonClass} prefetch={false}>
              Try again
            </Link>
          }
        >
          Something went wrong on our side. Your orders are safe; please try again in a moment.
        </StatePanel>
      ) : loaded.orders.length === 0 ? (
        <StatePanel
          icon="receipt"
          title="No orders yet"
          actions={
            <Link href="/" className={stateButtonClass}>
              Browse sales
            </Link>
          }
        >
          When you win a drop it shows up here with its order number.
        </StatePanel>
      ) : (
        <ol className={styles.list} aria-label="Orders">
          {loaded.orders.map((order) => (
            <li key={order.reservationId}>
              <OrderRow order={order} serverNow={loaded.serverNow} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function OrderRow({ order, serverNow }: { order: Order; serverNow: number }) {
  const status: OrderStatusName = order.status;
  const owned = OWNED.has(status);
  const held = status === "HELD";
  const expiresAt = order.expiresAt ? new Date(order.expiresAt).getTime() : null;
  const price = order.priceMinor === 0 ? "Free" : formatPrice(order.priceMinor, order.currency);
  return (
    <article className={styles.order} data-testid="order" data-status={status}>
      <div className={styles.thumb} aria-hidden="true">
        {order.sale.imageUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- admin-supplied URLs from any host
          <img src={order.sale.imageUrl} alt="" width={72} height={72} />
        ) : (
          <span>{order.sale.title.slice(0, 1)}</span>
        )}
      </div>
      <div className={styles.main}>
        <h2 className={styles.title}>
          <Link href={`/sales/${order.sale.slug}`}>{order.sale.title}</Link>
        </h2>
        <p className={styles.number}>
          {owned || held ? "Order" : "Reference"}{" "}
          <span data-testid="order-number">{orderNumberOf(order.reservationId)}</span>
        </p>
        {held ? (
          <div className={styles.held}>
            <p className={styles.note}>
              {order.holdKind === "OFFER" ? "Offered to you from the waitlist. " : "Held for you. "}
              {expiresAt !== null && <HoldTimeLeft expiresAt={expiresAt} renderedAt={serverNow} />}
            </p>
            <Link href={`/sales/${order.sale.slug}`} className={styles.payLink}>
              Pay now<span className={styles.srOnly}> for {order.sale.title}</span>
            </Link>
          </div>
        ) : (
          <p className={styles.note}>{ENDINGS[status]}</p>
        )}
        <dl className={styles.times}>
          <div>
            <dt>Reserved</dt>
            <dd>
              <LocalTime value={order.reservedAt} />
            </dd>
          </div>
          {held && expiresAt !== null && (
            <div>
              <dt>Pay by</dt>
              <dd>
                <LocalTime value={expiresAt} />
              </dd>
            </div>
          )}
        </dl>
      </div>
      <div className={styles.side}>
        <span className={styles.price} data-charged={owned || held ? undefined : "no"}>
          {price}
        </span>
        <span className={styles.status} data-status={status}>
          {ORDER_STATUS_LABELS[status]}
        </span>
      </div>
    </article>
  );
}
