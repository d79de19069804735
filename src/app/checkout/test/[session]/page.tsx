// The built-in test provider's hosted checkout (what Stripe's checkout page is for Stripe): the
// amount and item on one side, the test card form on the other, and a designed page for a checkout
// that is paid, closed or unknown. Only exists while the test provider is the one configured.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Countdown } from "~/app/_components/countdown";
import { StatePanel, stateButtonClass } from "~/app/_components/state-panel";
import { formatPrice } from "~/lib/money";
import { services } from "~/server/app-services";
import { isTestProvider } from "~/server/payments";
import { TEST_CARDS } from "~/server/payments/test-provider/test-cards";
import { PayForm } from "./pay-form";
import styles from "./test-checkout.module.css";

export const metadata: Metadata = { title: "Test checkout", robots: { index: false, follow: false } };

type Params = Promise<{ session: string }>;

export default async function TestCheckoutPage({ params }: { params: Params }) {
  const provider = services.clients.payments;
  if (!isTestProvider(provider)) notFound();
  const { session: sessionId } = await params;
  const checkout = await provider.describe(sessionId);

  if (!checkout) {
    return (
      <CheckoutClosed returnUrl="/" returnLabel="Back to the shop">
        This checkout link is no longer valid. Nothing was charged.
      </CheckoutClosed>
    );
  }
  const price = formatPrice(checkout.amountMinor, checkout.currency);

  if (checkout.state === "closed") {
    return (
      <CheckoutClosed returnUrl={checkout.cancelUrl} returnLabel="Back to the sale">
        It no longer takes payments: the time to pay for {checkout.title} ran out, or the order was let go. Nothing was
        charged.
      </CheckoutClosed>
    );
  }

  if (checkout.state === "paid") {
    return (
      <div className={styles.statePage}>
        <StatePanel
          icon="receipt"
          title="Payment received"
          headingLevel={1}
          actions={
            <a href={checkout.successUrl} className={stateButtonClass}>
              Continue
            </a>
          }
        >
          You paid {price} for {checkout.title}. This was a test payment: no real card was charged.
        </StatePanel>
      </div>
    );
  }

  const renderedAt = checkout.serverNow;
  return (
    <div className={styles.layout}>
      <section className={styles.summary} aria-labelledby="checkout-title">
        <p className={styles.testMode}>
          <span className={styles.testBadge}>Test mode</span>
          No real card is charged.
        </p>
        <p className={styles.merchant}>Pay Stampede</p>
        <h1 id="checkout-title" className={styles.title}>
          {checkout.title}
        </h1>
        <p className={styles.amount}>{price}</p>
        {checkout.holdExpiresAt > renderedAt ? (
          <p className={styles.hold}>
            Pay within <Countdown target={checkout.holdExpiresAt} renderedAt={renderedAt} /> to keep your unit.
          </p>
        ) : (
          <p className={styles.hold}>
            Your hold has ended. You can still pay: if your unit is still free it is yours, otherwise the payment is
            refunded at once.
          </p>
        )}
        {checkout.lastDecline && (
          <p className={styles.declined}>
            An earlier attempt was declined: {checkout.lastDecline} Nothing was charged; you can try another card.
          </p>
        )}
      </section>

      <section className={styles.payment} aria-labelledby="pay-title">
        <h2 id="pay-title" className={styles.paymentTitle}>
          Pay with card
        </h2>
        <PayForm sessionId={checkout.sessionId} amountLabel={price} cards={TEST_CARDS} />
        <a href={checkout.cancelUrl} className={styles.cancel}>
          Cancel and return
        </a>
      </section>
    </div>
  );
}

function CheckoutClosed({
  returnUrl,
  returnLabel,
  children,
}: {
  returnUrl: string;
  returnLabel: string;
  children: React.ReactNode;
}) {
  return (
    <div className={styles.statePage}>
      <StatePanel
        icon="bag"
        title="This checkout has closed"
        headingLevel={1}
        actions={
          <a href={returnUrl} className={stateButtonClass}>
            {returnLabel}
          </a>
        }
      >
        {children}
      </StatePanel>
    </div>
  );
}
