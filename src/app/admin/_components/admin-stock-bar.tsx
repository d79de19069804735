// An admin's exact stock figure as a bar and in words, both counting the same thing: before the
// start the units offered, while it runs the units left, once it is over the units sold (see
// stockCaption and stockShare in ~/lib/sale). Null stock means the sale should be in Redis and is
// not (npm run sale:rearm fixes it), and says so.
import { stockCaption, stockShare, type SalePhase, type StockMeasure } from "~/lib/sale";
import styles from "../admin.module.css";
import own from "./admin-stock-bar.module.css";

/** What the bar counts for a sale in each status. */
export function stockMeasureOf(status: SalePhase | undefined): StockMeasure {
  switch (status) {
    case "draft":
    case "upcoming":
      return "offered";
    case "ended":
    case "archived":
      return "sold";
    default:
      return "left";
  }
}

export function AdminStockBar({
  left,
  total,
  status,
}: {
  left: number | null;
  total: number;
  /** The sale's status, which decides what the bar counts; units left when not given. */
  status?: SalePhase;
}) {
  if (left === null) return <span className={styles.stockMissing}>Live stock unavailable</span>;
  const measure = stockMeasureOf(status);
  const percent = Math.round(stockShare(measure, left, total) * 100);
  return (
    <span className={styles.stock} data-measure={measure}>
      <span className={styles.stockBar} aria-hidden="true">
        <span
          className={`${styles.stockFill} ${measure === "sold" ? own.sold : ""}`}
          style={{ width: `${percent}%` }}
          data-fill={percent}
        />
      </span>
      <span className={styles.stockText}>{stockCaption(measure, left, total)}</span>
    </span>
  );
}
