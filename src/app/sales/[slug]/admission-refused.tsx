// A shopper an allowance of this sale turned away (too many entries from their network or device,
// or an account newer than the sale admits): what happened, in plain words, and where to go next.
// Nothing to retry — the same request would be refused again.
import Link from "next/link";
import { StateIcon } from "~/app/_components/state-icons";
import type { AdmissionLimit } from "~/lib/buy-flow/admission-error";
import type { BuyStatus } from "~/lib/buy-flow/buy-flow";
import styles from "./sale.module.css";

const TITLES: Record<AdmissionLimit, string> = {
  BLOCK_LIMIT: "Your network has reached this sale's limit",
  DEVICE_LIMIT: "This device has reached this sale's limit",
  ACCOUNT_TOO_NEW: "Your account is too new for this sale",
};

export function AdmissionRefused({ status }: { status: Extract<BuyStatus, { name: "admissionRefused" }> }) {
  return (
    <div className={styles.outcome} data-tone="error" data-testid="admission-refused" data-limit={status.limit}>
      <span className={styles.outcomeIcon}>
        <StateIcon name="alert" />
      </span>
      <h2 className={styles.outcomeTitle} tabIndex={-1} data-focus-target>
        {TITLES[status.limit]}
      </h2>
      <p>{status.message}</p>
      <p className={styles.fine}>Nothing was reserved or charged.</p>
      <div className={styles.outcomeActions}>
        <Link href="/" className={styles.linkButton} data-variant="primary">
          See other sales
        </Link>
      </div>
    </div>
  );
}
