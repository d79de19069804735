// /orders – the signed-in shopper's orders, newest first. Visitors are sent to sign in and back.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LocalTime } from "~/app/_components/local-time";
import { StatePanel, stateButtonClass } from "~/app/_components/state-panel";
import { orderNumber } from "~/lib/buy-flow/announcements";
import { formatPrice } from "~/lib/money";
import { getServerSession } from "~/server/auth";
import { logger } from "~/server/logger";
import type { RouterOutputs } from "~/trpc/react";
import { serverCaller } from "~/trpc/server";
import styles from "./orders.module.css";

export const metadata: Metadata = { title: "My orders" };

type Order = RouterOutputs["order"]["mine"][number];

const statusLabel = {
  PENDING: "Processing",
  CONFIRMED: "Confirmed",
  CANCELLED: "Cancelled",
  REFUSED_OVERSOLD: "Not honoured — sold out, not charged",
} as const;

async function loadOrders(): Promise<Order[] | null> {
  try {
    return await (await serverCaller()).order.mine();
  } catch (error) {
    logger.error("orders.list_failed", { message: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

export default async function OrdersPage() {
  if (!(await getServerSession())) redirect(`/signin?${new URLSearchParams({ callbackUrl: "/orders" })}`);
  const orders = await loadOrders();

  return (
    <>
      <header className={styles.header}>
        <h1>My orders</h1>
        <p>Everything you have bought. A purchase appears here once it is confirmed, usually within seconds.</p>
      </header>
      {orders === null ? (
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
      ) : orders.length === 0 ? (
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
          {orders.map((order) => (
            <li key={order.id}>
              <OrderRow order={order} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function OrderRow({ order }: { order: Order }) {
  return (
    <article className={styles.order} data-testid="order" data-status={order.status}>
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
        <p className={styles.number}>Order #{orderNumber(order.id)}</p>
        <dl className={styles.times}>
          <div>
            <dt>Reserved</dt>
            <dd>
              <LocalTime value={order.reservedAt} />
            </dd>
          </div>
          <div>
            <dt>Confirmed</dt>
            <dd>
              <LocalTime value={order.createdAt} />
            </dd>
          </div>
        </dl>
      </div>
      <div className={styles.side}>
        <span className={styles.price}>{formatPrice(order.priceMinor, order.currency)}</span>
        <span className={styles.status} data-status={order.status}>
          {statusLabel[order.status]}
        </span>
      </div>
    </article>
  );
}
