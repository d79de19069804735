// A sale's orders by state and its waitlist, in words: as tiles on the sale page (each one a link
// to the orders in that state) and as one line in the sales list.
import Link from "next/link";
import { ORDER_STATUS_LABELS } from "~/lib/checkout";
import { ORDER_STATE_FILTERS, type OrderCounts } from "~/server/sales/admin/order-counts";
import styles from "../admin.module.css";

interface Props {
  saleId: string;
  orders: OrderCounts;
  /** Null when the sale should be in Redis and is not. */
  waitlisted: number | null;
  waitlistEnabled: boolean;
}

const count = (n: number) => n.toLocaleString("en-US");

function waitlistWords({ waitlisted, waitlistEnabled }: Pick<Props, "waitlisted" | "waitlistEnabled">) {
  if (waitlisted === null) return { value: "—", label: "Waitlist unavailable" };
  if (!waitlistEnabled && waitlisted === 0) return { value: "Off", label: "Waitlist" };
  return { value: count(waitlisted), label: waitlistEnabled ? "On the waitlist" : "On the waitlist (now off)" };
}

/** Every state, zeros included, so the admin sees at a glance what did not happen too. */
export function OrderCountTiles({ saleId, orders, waitlisted, waitlistEnabled }: Props) {
  const waitlist = waitlistWords({ waitlisted, waitlistEnabled });
  return (
    <section className={styles.counts} aria-labelledby="order-counts-title">
      <h2 id="order-counts-title" className={styles.countsTitle}>
        Orders by state
      </h2>
      <ul className={styles.countTiles}>
        {ORDER_STATE_FILTERS.map((state) => (
          <li key={state}>
            <Link
              href={`/admin/sales/${saleId}/orders?state=${state}`}
              className={`${styles.countTile} ${orders[state] === 0 ? styles.countZero : ""}`}
              data-state={state}
            >
              <span className={styles.countValue}>{count(orders[state])}</span>{" "}
              <span className={styles.countLabel}>{ORDER_STATUS_LABELS[state]}</span>
            </Link>
          </li>
        ))}
        <li>
          <span
            className={`${styles.countTile} ${styles.countStatic} ${waitlisted ? "" : styles.countZero}`}
            data-state="WAITLISTED"
          >
            {/* An unknown count is a dash to the eye; the label alone says it to a screen reader. */}
            <span className={styles.countValue} aria-hidden={waitlisted === null ? true : undefined}>
              {waitlist.value}
            </span>{" "}
            <span className={styles.countLabel}>{waitlist.label}</span>
          </span>
        </li>
      </ul>
    </section>
  );
}

/** The non-zero states as one line ("12 paid · 3 awaiting payment · 4 on the waitlist"). */
export function OrderCountSummary({ orders, waitlisted, waitlistEnabled }: Omit<Props, "saleId">) {
  const parts = ORDER_STATE_FILTERS.filter((state) => orders[state] > 0).map(
    (state) => `${count(orders[state])} ${ORDER_STATUS_LABELS[state].toLowerCase()}`,
  );
  if (waitlisted === null && waitlistEnabled) parts.push("waitlist unavailable");
  else if (waitlisted) parts.push(`${count(waitlisted)} on the waitlist`);
  return <span className={styles.countSummary}>{parts.length > 0 ? parts.join(" · ") : "No orders yet"}</span>;
}
