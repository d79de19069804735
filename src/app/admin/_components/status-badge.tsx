// A sale's status as a coloured pill: each status its own colour (see status-badge.module.css),
// the words beside it so the colour is never the only sign.
import type { SalePhase } from "~/lib/sale";
import styles from "./status-badge.module.css";

export function StatusBadge({ status, label, testId }: { status: SalePhase; label: string; testId?: string }) {
  return (
    <span className={styles.badge} data-status={status} data-testid={testId}>
      {label}
    </span>
  );
}
