// A shopper in line for a released unit: their place, how many wait, and what happens next. The
// place updates with every status poll; an offer replaces this panel with the checkout.
import { StateIcon } from "~/app/_components/state-icons";
import { waitlistLine } from "~/lib/buy-flow/announcements";
import styles from "./sale.module.css";

export function WaitlistPanel({ position, waiting }: { position: number; waiting: number }) {
  return (
    <div className={styles.outcome} data-tone="info" data-testid="waitlist" data-position={position}>
      <span className={styles.outcomeIcon}>
        <StateIcon name="clock" />
      </span>
      <p className={styles.checkoutEyebrow}>On the waitlist</p>
      <h2 className={styles.outcomeTitle} tabIndex={-1} data-focus-target data-testid="waitlist-position">
        {waitlistLine(position, waiting)}
      </h2>
      <p>
        Keep this page open. When a shopper&apos;s hold runs out or they let it go, the unit is offered to the first
        person in line, who then has a few minutes to pay. When it is your turn, the offer appears right here.
      </p>
      <p className={styles.fine}>Nothing is charged while you wait.</p>
    </div>
  );
}
