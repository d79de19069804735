"use client";
// The buy button in every status before a hold exists, plus the line under it that explains it.
// One <button> element serves every status (aria-disabled rather than disabled), so keyboard focus
// stays put while it walks from "Buy" to "Reserving…" (or from "Join the waitlist" to "Joining…");
// its box never changes size.
import Link from "next/link";
import { formatDuration } from "~/app/_components/format-duration";
import type { BuyStatus } from "~/lib/buy-flow/buy-flow";
import { Busy } from "./busy";
import { ChallengeProgress } from "./challenge-progress";
import styles from "./sale.module.css";

/** The statuses this button shows; holds, queues and outcomes have their own panels. */
export type ActionStatus = Extract<
  BuyStatus,
  {
    name:
      | "signedOut"
      | "notStarted"
      | "ready"
      | "reserving"
      | "reserved"
      | "soldOut"
      | "joining"
      | "waitlistFailed"
      | "paused"
      | "ended"
      | "rateLimited"
      | "failed"
      | "proving"
      | "challengeFailed";
  }
>;

interface BuyActionProps {
  status: ActionStatus;
  now: number;
  startsAt: number;
  priceLabel: string;
  signInHref: string;
  /** Whether "Join the waitlist" is on offer (sold out, waitlist open for this shopper). */
  canJoin: boolean;
  /** A fair-draw sale before its draw: when its lobby opens. Null otherwise. */
  lobbyOpensAt: number | null;
  onBuy: () => void;
  onJoinWaitlist: () => void;
}

function buttonLabel(props: BuyActionProps, joinable: boolean) {
  const { status, now, startsAt, priceLabel, lobbyOpensAt } = props;
  switch (status.name) {
    case "signedOut":
      return lobbyOpensAt === null ? "Sign in to buy" : "Sign in to enter the draw";
    case "notStarted":
      return lobbyOpensAt === null
        ? `Opens in ${formatDuration(startsAt - now).clock}`
        : `Lobby opens in ${formatDuration(lobbyOpensAt - now).clock}`;
    case "proving":
      return <ChallengeProgress label="Security check…" />;
    case "challengeFailed":
      return "Try again";
    case "ready":
      return `Buy now · ${priceLabel}`;
    case "reserving":
      return <Busy>Reserving…</Busy>;
    case "reserved":
      return <Busy>Reserved · one moment…</Busy>;
    case "soldOut":
    case "waitlistFailed":
      return joinable ? "Join the waitlist" : "Sold out";
    case "joining":
      return <Busy>Joining the waitlist…</Busy>;
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

function explanation(status: ActionStatus, canJoin: boolean, lobbyOpensAt: number | null): React.ReactNode {
  switch (status.name) {
    case "signedOut":
      return lobbyOpensAt === null
        ? "One per person, so sign in first and we will bring you back here."
        : "This sale opens with a fair draw: sign in, enter the lobby before the start, and everyone in it has the same chance.";
    case "notStarted":
      return lobbyOpensAt === null
        ? "The button unlocks at the start by our clock, whatever your computer's says."
        : "This sale opens with a fair draw. Enter the lobby any time before the start: arriving first gives no advantage.";
    case "proving":
      return "Your browser is solving a small puzzle so bots cannot grab units. It usually takes a second or two.";
    case "challengeFailed":
      return status.message;
    case "ready":
      return "One per person. The unit is held for you the moment you click, while you pay.";
    case "reserving":
      return "Holding a unit for you…";
    case "reserved":
      return status.alreadyHeld
        ? "You already have one of these. Opening your checkout…"
        : "Got it! The unit is held for you. Opening your checkout…";
    case "soldOut":
      return canJoin
        ? "Every unit is held or sold right now, but holds that are not paid in time are released. Join the line and the next free unit is offered to you, first come first served."
        : "Every unit has been claimed. Better luck next drop!";
    case "joining":
      return "Putting you in line…";
    case "waitlistFailed":
      return status.message;
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

export function BuyAction(props: BuyActionProps) {
  const { status, signInHref, canJoin, lobbyOpensAt, onBuy, onJoinWaitlist } = props;
  const retriesJoin = status.name === "challengeFailed" && status.action === "join";
  const joinable = canJoin && (status.name === "soldOut" || status.name === "waitlistFailed" || retriesJoin);
  const actionable =
    status.name === "ready" ||
    status.name === "failed" ||
    (status.name === "challengeFailed" && !retriesJoin) ||
    joinable;
  const busy =
    status.name === "reserving" || status.name === "reserved" || status.name === "joining" || status.name === "proving";
  const error = status.name === "failed" || status.name === "waitlistFailed" || status.name === "challengeFailed";
  return (
    <div className={styles.buy}>
      {status.name === "signedOut" ? (
        <Link href={signInHref} className={styles.action} data-variant="primary">
          {buttonLabel(props, false)}
        </Link>
      ) : (
        <button
          type="button"
          className={styles.action}
          data-variant={actionable ? "primary" : "idle"}
          aria-disabled={!actionable}
          aria-busy={busy || undefined}
          aria-describedby="buy-explanation"
          onClick={actionable ? (joinable ? onJoinWaitlist : onBuy) : undefined}
        >
          {buttonLabel(props, joinable)}
        </button>
      )}
      <p id="buy-explanation" className={styles.explanation} data-tone={error ? "error" : undefined}>
        {explanation(status, joinable, lobbyOpensAt)}
      </p>
    </div>
  );
}
