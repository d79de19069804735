// The units of a sale as a bar and in words. The words carry the meaning; the bar is decoration,
// and it always measures what the words count: units left while a sale can still sell, units sold
// once it is over (a full bar for a sale that sold every unit).
import { stockCaption, stockShare, type StockMeasure } from "~/lib/sale";
import styles from "./storefront.module.css";

export function stockLevel(left: number, total: number): "plenty" | "low" | "out" {
  if (left <= 0) return "out";
  return left <= Math.max(1, Math.ceil(total * 0.2)) ? "low" : "plenty";
}

export function UnitsLeftBar({
  left,
  total,
  measure = "left",
  caption,
}: {
  left: number;
  total: number;
  measure?: StockMeasure;
  /** Replaces the caption (a placeholder while stock is being read). */
  caption?: string;
}) {
  const share = stockShare(measure, left, total);
  const level =
    measure === "left" ? stockLevel(left, total) : measure === "sold" ? (left <= 0 ? "out" : "history") : "plenty";
  return (
    <div className={styles.stock} data-testid="stock" data-left={left} data-measure={measure}>
      <div className={styles.stockTrack} aria-hidden="true">
        <div className={styles.stockFill} data-level={level} style={{ width: `${share * 100}%` }} />
      </div>
      <span className={styles.stockLabel}>{caption ?? stockCaption(measure, left, total)}</span>
    </div>
  );
}
