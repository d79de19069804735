// An admin's exact stock figure: units left out of the total, as a bar and in words. Null stock means
// the sale should be in Redis and is not (npm run sale:rearm fixes it), and says so.
import styles from "../admin.module.css";

export function AdminStockBar({ left, total }: { left: number | null; total: number }) {
  if (left === null) return <span className={styles.stockMissing}>Live stock unavailable</span>;
  const percent = total > 0 ? Math.round((Math.max(0, left) / total) * 100) : 0;
  return (
    <span className={styles.stock}>
      <span className={styles.stockBar} aria-hidden="true">
        <span className={styles.stockFill} style={{ width: `${percent}%` }} />
      </span>
      <span className={styles.stockText}>
        {left.toLocaleString("en-US")} / {total.toLocaleString("en-US")} left
      </span>
    </span>
  );
}
