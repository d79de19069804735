"use client";
// The buy button in every status of the buy flow, plus the line under it that explains it.
// One <button> element serves every status (aria-disabled rather than disabled), so keyboard
// focus stays put while it walks from "Buy" to "Order confirmed"; its box never changes size.
import Link from "next/link";
import { formatDuration } from "~/app/_components/format-duration";
import { orderNumber } from "~/lib/buy-flow/announcements";
import type { BuyStatus } from "~/lib/buy-flow/buy-flow";
import styles from "./sale.module.css";

interface BuyActionProps {
  status: BuyStatus;
  now: number;
  startsAt: number;
  priceLabel: string;
  signInHref: string;
  onBuy: () => void;
}

function buttonLabel(status: BuyStatus, now: number, startsAt: number, priceLabel: string): React.ReactNode {
  switch (status.name) {
    case "signedOut":
      return "Sign in to buy";
    case "notStarted":
      return `Opens in ${formatDuration(startsAt - now).clock}`;
    case "ready":
      return `Buy now · ${priceLabel}`;
    case "reserving":
      return <Busy>Reserving…</Busy>;
    case "confirming":
      return <Busy>Reserved · confirming…</Busy>;
    case "confirmed":
      return status.alreadyHeld ? "✓ Already yours" : "✓ Order confirmed";
    case "refused":
      return "Not honoured";
    case "soldOut":
      return "Sold out";
    case "paused":
      return "Paused";
    case "ended":
      return "Sale ended";
    case "rateLimited":
      return `Try again in ${Math.max(1, Math.ceil((status.retryAt - now) / 1000))} s`;
    case "failed":
      return "Try again";
  }
}

function Busy({ children }: { children: React.ReactNode }) {
  return (
    <>
      <span className={styles.spinner} aria-hidden="true" />
      {children}
    </>
  );
}

function explanation(status: BuyStatus): React.ReactNode {
  switch (status.name) {
    case "signedOut":
      return "One per person, so sign in first and we will bring you back here.";
    case "notStarted":
      return "The button unlocks at the start by our clock, whatever your computer's says.";
    case "ready":
      return "One per person. Your unit is held the moment you click.";
    case "reserving":
      return "Holding a unit for you…";
    case "confirming":
      return status.alreadyHeld
        ? "You already have one of these. Writing your order down…"
        : "Got it! Your unit is held while we write your order down.";
    case "confirmed":
      return (
        <>
          {status.alreadyHeld ? "You bought this earlier. " : "It's yours. "}
          Order <strong data-testid="order-number">#{orderNumber(status.orderId)}</strong> ·{" "}
          <Link href="/orders">My orders</Link>
        </>
      );
    case "refused":
      return (
        <>
          We are sorry. Your reservation went through, but our records found every unit already taken, so we could not
          honour it and nothing was charged. Reference{" "}
          <strong data-testid="order-number">#{orderNumber(status.orderId)}</strong> ·{" "}
          <Link href="/orders">My orders</Link>
        </>
      );
    case "soldOut":
      return "Every unit has been claimed. Better luck next drop!";
    case "paused":
      return "The organiser paused this sale. Keep this page open: it may resume shortly.";
    case "ended":
      return "This sale is over.";
    case "rateLimited":
      return "Too many attempts in a short time. The button unlocks when the timer runs out.";
    case "failed":
      return status.message;
  }
}

export function BuyAction({ status, now, startsAt, priceLabel, signInHref, onBuy }: BuyActionProps) {
  const actionable = status.name === "ready" || status.name === "failed";
  const busy = status.name === "reserving" || status.name === "confirming";
  return (
    <div className={styles.buy} data-testid="buy" data-status={status.name}>
      {status.name === "signedOut" ? (
        <Link href={signInHref} className={styles.action} data-variant="primary">
          Sign in to buy
        </Link>
      ) : (
        <button
          type="button"
          className={styles.action}
          data-variant={actionable ? "primary" : status.name === "confirmed" ? "success" : "idle"}
          aria-disabled={!actionable}
          aria-busy={busy || undefined}
          aria-describedby="buy-explanation"
          onClick={actionable ? onBuy : undefined}
        >
          {buttonLabel(status, now, startsAt, priceLabel)}
        </button>
      )}
      <p id="buy-explanation" className={styles.explanation} data-tone={status.name === "failed" ? "error" : undefined}>
        {explanation(status)}
      </p>
    </div>
  );
}
