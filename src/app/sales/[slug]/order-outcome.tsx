// Where a shopper's turn in this sale ended: paid, claimed, expired, let go, refunded or refused.
// Each says what happened, whether money moved, and where to go next.
import Link from "next/link";
import { StateIcon, type StateIconName } from "~/app/_components/state-icons";
import type { BuyStatus } from "~/lib/buy-flow/buy-flow";
import type { HoldView } from "~/lib/checkout";
import { formatPrice } from "~/lib/money";
import styles from "./sale.module.css";

export type OutcomeStatus = Extract<
  BuyStatus,
  { name: "paid" | "confirmed" | "expired" | "cancelled" | "refunded" | "refused" }
>;

interface Outcome {
  icon: StateIconName;
  tone: "success" | "neutral" | "info" | "error";
  title: string;
  body: React.ReactNode;
  /** The money line beside the order number, if any money moved. */
  amountLabel: string | null;
  bought: boolean;
}

const ONE_TURN = "Each shopper gets one turn per sale, so this one is closed for you — there are more drops to come.";

/** A payment that reached a hold after it ended: not an order yet, not a refund yet. */
const LATE_PAYMENT: Outcome = {
  icon: "clock",
  tone: "info",
  title: "Your payment is on its way",
  body: "The hold ended just as your payment was arriving. If a unit is still free, it's yours; if not, we refund your payment in full. This page updates by itself.",
  amountLabel: null,
  bought: false,
};

function outcomeOf(status: OutcomeStatus): Outcome {
  const hold = status.hold;
  const free = hold?.amountMinor === 0;
  if ((status.name === "expired" || status.name === "cancelled") && status.paymentPending) return LATE_PAYMENT;
  switch (status.name) {
    case "paid":
      return {
        icon: "check",
        tone: "success",
        title: status.alreadyHeld ? "You bought this" : "Paid — it's yours!",
        body: (
          <>
            {status.alreadyHeld ? "Your payment went through and the order is confirmed. " : "Payment received. "}
            <strong>What happens next:</strong> your order is confirmed and listed in My orders. Keep the order number;
            quote it if you contact us.
          </>
        ),
        amountLabel: "Paid",
        bought: true,
      };
    case "confirmed":
      return {
        icon: "check",
        tone: "success",
        title: status.alreadyHeld ? "Already yours" : free ? "Claimed — it's yours!" : "Order confirmed",
        body: free
          ? "This one was free, so there is nothing to pay. Your order is listed in My orders."
          : "The unit is yours and your order is listed in My orders.",
        amountLabel: free ? null : "Total",
        bought: true,
      };
    case "expired":
      return hold?.kind === "OFFER"
        ? {
            icon: "clock",
            tone: "neutral",
            title: "The offer ran out",
            body: `The unit offered to you from the waitlist was not paid for in time, so it moved on to the next person in line. You were not charged. ${ONE_TURN}`,
            amountLabel: null,
            bought: false,
          }
        : {
            icon: "clock",
            tone: "neutral",
            title: "Your hold ran out",
            body: `The unit was not paid for in time, so it went to the next shopper. You were not charged. ${ONE_TURN}`,
            amountLabel: null,
            bought: false,
          };
    case "cancelled":
      return {
        icon: "bag",
        tone: "neutral",
        title: "You let it go",
        body: `The unit went to the next shopper and nothing was charged. ${ONE_TURN}`,
        amountLabel: null,
        bought: false,
      };
    case "refunded":
      return {
        icon: "receipt",
        tone: "neutral",
        title: "Refunded in full",
        body: "Your payment arrived after the hold ended; we refunded it in full — no charge. Depending on your bank, the refund can take a few days to show on your statement.",
        amountLabel: "Refunded",
        bought: false,
      };
    case "refused":
      return {
        icon: "alert",
        tone: "error",
        title: "We could not honour this one",
        body: "We are sorry. Your reservation went through, but our records found every unit already taken, so we could not honour it and nothing was charged.",
        amountLabel: null,
        bought: false,
      };
  }
}

function OrderFacts({ hold, outcome }: { hold: HoldView; outcome: Outcome }) {
  const { amountLabel } = outcome;
  return (
    <dl className={styles.facts}>
      <div>
        {/* A turn that did not become an order still has a number to quote to support. */}
        <dt>{outcome.bought ? "Order" : "Reference"}</dt>
        <dd data-testid="order-number">{hold.orderNumber}</dd>
      </div>
      {amountLabel && (
        <div>
          <dt>{amountLabel}</dt>
          <dd data-testid="amount">{formatPrice(hold.amountMinor, hold.currency)}</dd>
        </div>
      )}
    </dl>
  );
}

export function OrderOutcome({ status }: { status: OutcomeStatus }) {
  const outcome = outcomeOf(status);
  return (
    <div className={styles.outcome} data-tone={outcome.tone} data-testid="outcome">
      <span className={styles.outcomeIcon}>
        <StateIcon name={outcome.icon} />
      </span>
      <h2 className={styles.outcomeTitle} tabIndex={-1} data-focus-target>
        {outcome.title}
      </h2>
      <p>{outcome.body}</p>
      {status.hold && <OrderFacts hold={status.hold} outcome={outcome} />}
      <div className={styles.outcomeActions}>
        {outcome.bought ? (
          <>
            <Link href="/orders" className={styles.linkButton} data-variant="primary">
              My orders
            </Link>
            <Link href="/" className={styles.linkButton}>
              More drops
            </Link>
          </>
        ) : (
          <>
            <Link href="/" className={styles.linkButton} data-variant="primary">
              See other sales
            </Link>
            <Link href="/orders" className={styles.linkButton}>
              My orders
            </Link>
          </>
        )}
      </div>
    </div>
  );
}
