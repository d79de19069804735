"use client";
// The checkout panel: a unit held for the shopper (won, or offered from the waitlist) with its
// countdown on server time, the order number and amount, "Pay now" and "Let it go", and every step
// in between — opening the payment page, confirming a payment, a declined card, time up.
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { ConfirmDialog } from "~/app/_components/confirm-dialog";
import { formatDuration } from "~/app/_components/format-duration";
import shared from "~/app/_components/storefront.module.css";
import { holdTimeAnnouncement } from "~/lib/buy-flow/announcements";
import type { BuyStatus } from "~/lib/buy-flow/buy-flow";
import type { HoldKind } from "~/lib/checkout";
import type { DrawView } from "~/lib/fair-draw";
import { formatPrice } from "~/lib/money";
import { useServerNow } from "~/lib/server-clock/use-server-clock";
import { Busy } from "./busy";
import styles from "./sale.module.css";

type HeldStatus = Extract<BuyStatus, { name: "held" }>;
export type Announce = (sentence: string, urgent: boolean) => void;

/** After this long, a payment still being confirmed gets a word of reassurance. */
const SLOW_CONFIRMATION_MS = 20_000;

interface CheckoutPanelProps {
  status: HeldStatus;
  /** The server's clock in the latest status answer: seeds the countdown before the clock is synced. */
  serverNow: number;
  onPay: () => void;
  onLetGo: () => void;
  announce: Announce;
  /** The fair draw this sale opened with, if any: a reservation from it was won in the draw. */
  draw?: DrawView | null;
}

/** Where the unit came from: the waitlist, the draw (with the shopper's place in it), or a click. */
function eyebrow(kind: HoldKind, draw: DrawView | null): string {
  if (kind === "OFFER") return "Offered to you from the waitlist";
  if (draw?.position == null) return "Reserved for you";
  return `You won the draw · #${draw.position} of ${draw.entrants}`;
}

export function CheckoutPanel({ status, serverNow, onPay, onLetGo, announce, draw = null }: CheckoutPanelProps) {
  const { hold, step } = status;
  const now = useServerNow(serverNow, hold.expiresAt ?? undefined);
  const leftMs = hold.expiresAt === null ? null : Math.max(0, hold.expiresAt - now);
  const processing = step.name === "processing";
  const timeUp = leftMs === 0 && !processing;
  const steady = step.name === "idle" || step.name === "leftPayment" || step.name === "failed";
  const canAct = steady && !timeUp;
  const offer = hold.kind === "OFFER";
  const amount = formatPrice(hold.amountMinor, hold.currency);
  const [confirmOpen, setConfirmOpen] = useState(false);

  useLastMinuteWarning(processing ? null : leftMs, announce);
  useCountdownInTitle(processing ? null : leftMs);

  const title = processing
    ? "Confirming your payment…"
    : timeUp
      ? "Time's up"
      : offer
        ? "A unit is yours if you pay within"
        : "Held for you. Pay within";

  return (
    <div className={styles.checkout} data-testid="checkout" data-kind={hold.kind} data-step={step.name}>
      <p className={styles.checkoutEyebrow} data-testid="checkout-eyebrow">
        {eyebrow(hold.kind, draw)}
      </p>
      <h2 className={styles.checkoutTitle} tabIndex={-1} data-focus-target>
        {processing && <span className={styles.spinner} aria-hidden="true" />}
        {title}
      </h2>
      {leftMs !== null && !processing && <HoldClock leftMs={leftMs} />}
      <dl className={styles.facts}>
        <div>
          <dt>Order</dt>
          <dd data-testid="order-number">{hold.orderNumber}</dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd data-testid="amount">{amount}</dd>
        </div>
      </dl>
      <CheckoutNotice status={status} timeUp={timeUp} />
      {!processing && (
        <div className={styles.checkoutActions}>
          <button
            type="button"
            className={styles.action}
            data-variant={canAct ? "primary" : "idle"}
            data-testid="pay"
            aria-disabled={!canAct}
            aria-busy={step.name === "opening" || undefined}
            onClick={canAct ? onPay : undefined}
          >
            {step.name === "opening" ? (
              <Busy>Opening secure payment…</Busy>
            ) : hold.declined !== null || step.name === "failed" ? (
              `Try again · ${amount}`
            ) : (
              `Pay now · ${amount}`
            )}
          </button>
          <button
            type="button"
            className={styles.letGo}
            data-testid="let-go"
            aria-disabled={!canAct}
            aria-busy={step.name === "cancelling" || undefined}
            onClick={canAct ? () => setConfirmOpen(true) : undefined}
          >
            {step.name === "cancelling" ? <Busy>Letting it go…</Busy> : "Let it go"}
          </button>
        </div>
      )}
      {!processing && (
        <p className={styles.fine}>
          {offer
            ? "If you don't pay in time, the unit goes to the next person in line."
            : "If you don't pay in time, the unit goes to the next shopper and your turn in this sale ends."}{" "}
          You pay on our payment provider&apos;s secure page. Your order is in <Link href="/orders">My orders</Link>{" "}
          from now on.
        </p>
      )}
      <ConfirmDialog
        open={confirmOpen}
        title="Let this unit go?"
        confirmLabel="Let it go"
        cancelLabel="Keep it"
        onCancel={() => setConfirmOpen(false)}
        onConfirm={() => {
          setConfirmOpen(false);
          onLetGo();
        }}
      >
        It goes to the next shopper straight away. Each shopper gets one turn per sale, so you will not be able to
        reserve it again.
      </ConfirmDialog>
    </div>
  );
}

function HoldClock({ leftMs }: { leftMs: number }) {
  const { clock, spoken } = formatDuration(leftMs);
  const urgency = leftMs <= 60_000 ? "urgent" : undefined;
  return (
    <p className={styles.holdClock} role="timer" data-testid="hold-countdown" data-urgency={urgency}>
      <span aria-hidden="true">{clock}</span>
      <span className={shared.srOnly}>{spoken} left</span>
    </p>
  );
}

/**
 * The provider's word on a decline ("Your card has insufficient funds."), shown when it reads as a
 * sentence rather than a code and says more than the headline already does.
 */
function declineDetail(declined: string): string | null {
  const detail = declined.trim();
  const plain = detail.toLowerCase().replace(/[.!]+$/, "");
  return /\s/.test(detail) && plain !== "your card was declined" ? detail : null;
}

/** One line under the order: what is happening and what to do next, most pressing first. */
function CheckoutNotice({ status, timeUp }: { status: HeldStatus; timeUp: boolean }) {
  const { hold, step } = status;
  if (step.name === "processing")
    return (
      <div className={styles.notice} data-tone="info" data-testid="checkout-notice">
        <p>
          Your payment went through on the payment page and is on its way to us. This usually takes a few seconds — keep
          this page open.
        </p>
        <SlowConfirmationNote />
      </div>
    );
  if (timeUp)
    return (
      <div className={styles.notice} data-tone="info" data-testid="checkout-notice">
        <p>The hold time has run out. Checking whether the unit is still yours…</p>
      </div>
    );
  if (step.name === "failed")
    return (
      <div className={styles.notice} data-tone="error" data-testid="checkout-notice">
        <p>{step.message}</p>
      </div>
    );
  if (hold.declined !== null) {
    const detail = declineDetail(hold.declined);
    return (
      <div className={styles.notice} data-tone="error" data-testid="checkout-notice">
        <p>
          <strong>Your card was declined — try again.</strong> {detail && <>({detail}) </>}The unit is still held for
          you until the timer runs out; you can use the same card or another one.
        </p>
      </div>
    );
  }
  if (step.name === "leftPayment")
    return (
      <div className={styles.notice} data-tone="info" data-testid="checkout-notice">
        <p>You left the payment page before paying. The unit is still held for you until the timer runs out.</p>
      </div>
    );
  if (hold.paymentStarted)
    return (
      <div className={styles.notice} data-tone="info" data-testid="checkout-notice">
        <p>
          A payment page is already open for this order. Paid in another tab? This page updates by itself as soon as the
          payment reaches us.
        </p>
      </div>
    );
  return null;
}

function SlowConfirmationNote() {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setSlow(true), SLOW_CONFIRMATION_MS);
    return () => window.clearTimeout(timer);
  }, []);
  if (!slow) return null;
  return (
    <p>
      This is taking longer than usual. You are never charged without an order: if your payment cannot become one, it is
      refunded in full.
    </p>
  );
}

/** Says "one minute left" once, as the countdown crosses it. */
function useLastMinuteWarning(leftMs: number | null, announce: Announce) {
  const previous = useRef<number | null>(null);
  useEffect(() => {
    if (leftMs === null) {
      previous.current = null;
      return;
    }
    const sentence = holdTimeAnnouncement(previous.current, leftMs);
    previous.current = leftMs;
    if (sentence) announce(sentence, true);
  }, [leftMs, announce]);
}

/** Puts the time left in the tab's title, so a shopper on another tab sees it running. */
function useCountdownInTitle(leftMs: number | null) {
  const original = useRef<string | null>(null);
  useEffect(() => {
    original.current ??= document.title;
    const base = original.current;
    if (leftMs === null) {
      document.title = base;
      return;
    }
    document.title = `${formatDuration(leftMs).clock} left to pay · ${base}`;
  }, [leftMs]);
  useEffect(
    () => () => {
      if (original.current !== null) document.title = original.current;
    },
    [],
  );
}
