// Where a sale leaves a shopper who did not get a unit: sold out (the headline, no countdown, the
// waitlist where the sale has one, and the next drop with "Notify me"), or ended (when it really
// ended, and other drops). Each gives the shopper somewhere to go.
import Link from "next/link";
import { LocalTime } from "~/app/_components/local-time";
import { StateIcon } from "~/app/_components/state-icons";
import { RemindMe } from "./remind-me";
import styles from "./sale.module.css";

export interface NextDrop {
  id: string;
  slug: string;
  title: string;
  startsAt: Date;
}

interface Pointers {
  nextDrop: NextDrop | null;
  signedIn: boolean;
}

function NextDropBlock({ nextDrop, signedIn }: Pointers) {
  if (!nextDrop) {
    return <p>No new drop is scheduled yet. New drops are announced on the home page first.</p>;
  }
  return (
    <div className={styles.nextDrop} data-testid="next-drop">
      <p>
        <strong>Next drop:</strong>{" "}
        <Link href={`/sales/${nextDrop.slug}`} data-testid="next-drop-link">
          {nextDrop.title}
        </Link>
        , opens <LocalTime value={nextDrop.startsAt} />.
      </p>
      <RemindMe
        saleId={nextDrop.id}
        slug={nextDrop.slug}
        signedIn={signedIn}
        returnTo={`/sales/${nextDrop.slug}`}
        label="Notify me"
      />
    </div>
  );
}

function OtherDrops({ nextDrop }: { nextDrop: NextDrop | null }) {
  return (
    <div className={styles.outcomeActions}>
      {nextDrop && (
        <Link href={`/sales/${nextDrop.slug}`} className={styles.linkButton} data-variant="primary">
          See the next drop
        </Link>
      )}
      <Link href="/" className={styles.linkButton} data-variant={nextDrop ? undefined : "primary"}>
        All drops
      </Link>
    </div>
  );
}

export function SoldOutCard({ nextDrop, signedIn, children }: Pointers & { children?: React.ReactNode }) {
  return (
    <div className={styles.outcome} data-tone="soldOut" data-testid="sold-out-card">
      <span className={styles.outcomeIcon}>
        <StateIcon name="bag" />
      </span>
      <h2 className={styles.outcomeTitle} tabIndex={-1} data-focus-target>
        Sold out
      </h2>
      {children ?? (
        <p>
          Every unit has been claimed, so this one is over for you. One per person means more shoppers get a go next
          time.
        </p>
      )}
      <NextDropBlock nextDrop={nextDrop} signedIn={signedIn} />
      <OtherDrops nextDrop={nextDrop} />
    </div>
  );
}

export function EndedCard({
  endedAt,
  endsAt,
  early,
  nextDrop,
  signedIn,
}: Pointers & {
  /** When an admin ended it early, if the page knows; null otherwise. */
  endedAt: Date | null;
  endsAt: number;
  /** Whether it closed before its planned end (an admin's end the page saw happen, say). */
  early: boolean;
}) {
  return (
    <div className={styles.outcome} data-tone="neutral" data-testid="ended-card">
      <span className={styles.outcomeIcon}>
        <StateIcon name="clock" />
      </span>
      <h2 className={styles.outcomeTitle} tabIndex={-1} data-focus-target>
        This sale has ended
      </h2>
      <p data-testid="ended-at">
        {endedAt ? (
          <>
            The organiser ended it early, at <LocalTime value={endedAt} /> (it was planned to close at{" "}
            <LocalTime value={endsAt} />
            ).
          </>
        ) : early ? (
          "The organiser ended it early."
        ) : (
          <>
            It closed at <LocalTime value={endsAt} />.
          </>
        )}
      </p>
      <NextDropBlock nextDrop={nextDrop} signedIn={signedIn} />
      <OtherDrops nextDrop={nextDrop} />
    </div>
  );
}
