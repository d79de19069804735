import type { SalePhase } from "~/lib/sale";
import styles from "../admin.module.css";

export function StatusBadge({ status, label }: { status: SalePhase; label: string }) {
  return (
    <span className={`${styles.status} ${styles[`status_${status}`] ?? ""}`} data-status={status}>
      {label}
    </span>
  );
}
