import type { AdminSaleStatus } from "~/server/sales/admin/status";
import styles from "../admin.module.css";

export function StatusBadge({ status, label }: { status: AdminSaleStatus; label: string }) {
  return (
    <span className={`${styles.status} ${styles[`status_${status}`] ?? ""}`} data-status={status}>
      {label}
    </span>
  );
}
