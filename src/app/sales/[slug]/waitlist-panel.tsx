// A shopper in line for a released unit: their place, a plain word for their chance, how many wait,
// and what happens next. After a fair draw, also where the draw put them. The place and the chance
// update with every status poll; an offer replaces this panel with the checkout.
import { StateIcon } from "~/app/_components/state-icons";
import { chanceLine, waitlistLine } from "~/lib/buy-flow/announcements";
import type { BuyStatus } from "~/lib/buy-flow/buy-flow";
import type { DrawView } from "~/lib/fair-draw";
import styles from "./sale.module.css";

type Waitlisted = Extract<BuyStatus, { name: "waitlisted" }>;

export function WaitlistPanel({ status, draw }: { status: Waitlisted; draw: DrawView | null }) {
  const { position, waiting, chance } = status;
  return (
    <div
      className={styles.outcome}
      data-tone="info"
      data-testid="waitlist"
      data-position={position}
      data-chance={chance ?? undefined}
    >
      <span className={styles.outcomeIcon}>
        <StateIcon name="clock" />
      </span>
      <p className={styles.checkoutEyebrow}>{draw ? "The draw is done · on the waitlist" : "On the waitlist"}</p>
      <h2 className={styles.outcomeTitle} tabIndex={-1} data-focus-target data-testid="waitlist-position">
        {chance ? chanceLine(position, chance) : waitlistLine(position, waiting)}
      </h2>
      <dl className={styles.facts}>
        {chance && (
          <div>
            <dt>Waiting</dt>
            <dd data-testid="waitlist-waiting">{waiting}</dd>
          </div>
        )}
        {draw?.position != null && (
          <div>
            <dt>Your draw</dt>
            <dd data-testid="draw-position">
              #{draw.position} of {draw.entrants}
            </dd>
          </div>
        )}
      </dl>
      {draw && (
        <p>
          {draw.units === 1 ? "The first drawn got the unit." : `The first ${draw.units} drawn got a unit each.`}{" "}
          Everyone else waits in drawn order; shoppers who came after the start queue behind the lobby.
        </p>
      )}
      <p>
        Keep this page open. When a shopper&apos;s hold runs out or they let it go, the unit is offered to the first
        person in line, who then has a few minutes to pay. When it is your turn, the offer appears right here.
      </p>
      {chance && (
        <p className={styles.fine}>
          Your chance is an estimate from the units still waiting to be paid for and how often holds have run out so far
          — likely, possible or unlikely, never a percentage we cannot back up.
        </p>
      )}
      <p className={styles.fine}>Nothing is charged while you wait.</p>
    </div>
  );
}
