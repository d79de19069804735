// The units a shopper can still buy, as a bar and in words. The words carry the meaning; the bar
// is decoration.
import styles from "./storefront.module.css";

export function stockLevel(left: number, total: number): "plenty" | "low" | "out" {
  if (left <= 0) return "out";
  return left <= Math.max(1, Math.ceil(total * 0.2)) ? "low" : "plenty";
}

export function UnitsLeftBar({
  left,
  total,
  caption,
  muted = false,
}: {
  left: number;
  total: number;
  caption?: string;
  /** Grey, for sales that are over: the bar is history, not a call to hurry. */
  muted?: boolean;
}) {
  const share = total > 0 ? Math.min(1, Math.max(0, left / total)) : 0;
  const level = stockLevel(left, total);
  return (
    <div className={styles.stock} data-testid="stock" data-left={left}>
      <div className={styles.stockTrack} aria-hidden="true">
        <div className={styles.stockFill} data-level={muted ? "out" : level} style={{ width: `${share * 100}%` }} />
      </div>
      <span className={styles.stockLabel}>
        {caption ?? (level === "out" ? "Sold out" : `${left} of ${total} left`)}
      </span>
    </div>
  );
}
