// What screen readers hear, through the page's live regions. Only changes that matter are spoken:
// a new purchase status (or a new step while paying), a place in line near the front, a changed
// chance, stock crossing a threshold, the last minute of a hold — never every tick or every poll.
// A unit offered from the waitlist, a draw won and a declined card are urgent (assertive);
// everything else waits its turn.
import type { HoldView } from "~/lib/checkout";
import { CHANCE_LABELS, type Chance } from "~/lib/fair-draw";
import type { BuyStatus, GuardedAction, PaymentStep } from "./buy-flow";

type HeldStatus = Extract<BuyStatus, { name: "held" }>;

/** "10 minutes", "1 minute 30 seconds", "45 seconds": a hold window in words. */
export function spokenWindow(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const part = (value: number, name: string) => `${value} ${name}${value === 1 ? "" : "s"}`;
  if (minutes === 0) return part(seconds, "second");
  return seconds === 0 ? part(minutes, "minute") : `${part(minutes, "minute")} ${part(seconds, "second")}`;
}

/** "You're #3 in line; 41 waiting." — the words the waitlist shows and says. */
export function waitlistLine(position: number, waiting: number): string {
  if (position <= 0) return `You're in line; ${waiting} waiting.`;
  return position === 1
    ? `You're next in line; ${waiting} waiting.`
    : `You're #${position} in line; ${waiting} waiting.`;
}

/** "You're #37 in line — a unit reaching you is possible." — a place and a plain chance, no odds. */
export function chanceLine(position: number, chance: Chance): string {
  const place =
    position === 1 ? "You're next in line" : position <= 0 ? "You're in line" : `You're #${position} in line`;
  return `${place} — a unit reaching you is ${CHANCE_LABELS[chance]}.`;
}

/** "312 entered for 100 units" — the lobby's size against the units, the only odds before the draw. */
export function lobbyCountLine(entrants: number, units: number): string {
  return `${entrants} entered for ${units} unit${units === 1 ? "" : "s"}`;
}

/** "0.8 s", "12 s": how long a challenge took, as precise as a person cares. */
export function proofTime(ms: number): string {
  return ms < 10_000 ? `${(Math.max(0, ms) / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

const PROVING: Record<GuardedAction, string> = {
  enter: "Running a quick security check before entering you in the draw…",
  buy: "Running a quick security check before reserving…",
  join: "Running a quick security check before joining the waitlist…",
};

/** Said and shown when the server lost a lobby entry before the draw. */
export const ENTRY_LOST =
  "We lost your entry — please enter again. Entering any time before the start gives you the same chance.";

const LATE_PAYMENT =
  "The hold ended as your payment was arriving. If a unit is still free it's yours; if not, your payment is refunded in full.";
const DECLINED = "Your card was declined. Try again before the timer runs out.";

function holdWindow(hold: HoldView): string | null {
  return hold.expiresAt === null ? null : spokenWindow(hold.expiresAt - hold.reservedAt);
}

/** The same hold as before (a poll, a new step), or null when this hold is news. */
function sameHold(previous: BuyStatus, next: HeldStatus): HeldStatus | null {
  return previous.name === "held" && previous.hold.reservationId === next.hold.reservationId ? previous : null;
}

function newDecline(before: HeldStatus, next: HeldStatus): boolean {
  return next.hold.declined !== null && next.hold.declined !== before.hold.declined && next.step.name !== "processing";
}

function newHoldSentence(previous: BuyStatus, hold: HoldView): string {
  const window = holdWindow(hold);
  if (previous.name === "inLobby")
    return window
      ? `You won the draw! A unit is held for you for ${window}. Pay to make it yours.`
      : "You won the draw! Pay to make it yours.";
  if (hold.kind === "OFFER")
    return window
      ? `Good news: a unit came free. It's yours if you pay within ${window}.`
      : "Good news: a unit came free. It's yours if you pay now.";
  if (previous.name === "reserved" && previous.alreadyHeld)
    return "You already have one on hold. Pay before the timer runs out.";
  return window
    ? `Reserved! It's held for you for ${window}. Pay to make it yours.`
    : "Reserved! Pay to make it yours.";
}

function stepSentence(step: PaymentStep): string | null {
  switch (step.name) {
    case "idle":
      return null;
    case "opening":
      return "Opening the secure payment page…";
    case "processing":
      return "Confirming your payment…";
    case "leftPayment":
      return "You left the payment page without paying. The unit is still held for you.";
    case "cancelling":
      return "Letting it go…";
    case "failed":
      return step.message;
  }
}

function heldAnnouncement(previous: BuyStatus, next: HeldStatus): string | null {
  const before = sameHold(previous, next);
  if (!before) return newHoldSentence(previous, next.hold);
  if (newDecline(before, next)) return DECLINED;
  if (JSON.stringify(before.step) === JSON.stringify(next.step)) return null;
  return stepSentence(next.step);
}

function waitlistAnnouncement(previous: BuyStatus, next: Extract<BuyStatus, { name: "waitlisted" }>): string | null {
  if (previous.name === "inLobby")
    return next.chance
      ? `The draw is done. ${chanceLine(next.position, next.chance)}`
      : `The draw is done. ${waitlistLine(next.position, next.waiting)}`;
  if (previous.name !== "waitlisted") return `You joined the waitlist. ${waitlistLine(next.position, next.waiting)}`;
  // Moving up is news near the front only: a long line would otherwise talk every two seconds.
  if (next.position < previous.position && next.position <= 3)
    return next.position === 1 ? "You're next in line." : `You're now #${next.position} in line.`;
  // A changed chance is news wherever they stand; its first estimate arrives with the first poll.
  if (next.chance && previous.chance && next.chance !== previous.chance)
    return `A unit reaching you is now ${CHANCE_LABELS[next.chance]}.`;
  return null;
}

function orderNumberPart(hold: HoldView | null): string {
  return hold ? ` Order number ${hold.orderNumber}.` : "";
}

export function statusAnnouncement(previous: BuyStatus | null, next: BuyStatus): string | null {
  // Page load is not news: the page itself says where things stand.
  if (previous === null) return null;
  if (next.name === "held") return heldAnnouncement(previous, next);
  if (next.name === "waitlisted") return waitlistAnnouncement(previous, next);
  if (next.name === "soldOut" && previous.name === "soldOut" && next.canJoinWaitlist && !previous.canJoinWaitlist)
    return "You can join the waitlist.";
  if (previous.name === next.name && !(next.name === "waitlistFailed" || next.name === "failed")) return null;
  if (JSON.stringify(previous) === JSON.stringify(next)) return null;
  switch (next.name) {
    case "signedOut":
      return "Your session has ended. Sign in to buy.";
    case "notStarted":
      return "The sale has not started yet.";
    case "lobbyOpen":
      return "The lobby is open. You can enter the draw.";
    case "entryLost":
      return ENTRY_LOST;
    case "proving":
      return PROVING[next.action];
    case "entering":
      // Straight after its challenge, the entry is the same step to the shopper: said once.
      return previous.name === "proving" ? null : "Entering you in the draw…";
    case "inLobby":
      return "You're in the draw. Everyone in the lobby at the start has the same chance; your result appears here.";
    case "challengeFailed":
    case "admissionRefused":
      return next.message;
    case "ready":
      return "The sale is live. You can buy now.";
    case "reserving":
      return "Reserving your unit…";
    case "reserved":
      return next.alreadyHeld ? "You already have one. One moment…" : "Reserved! One moment…";
    case "paid":
      return next.alreadyHeld
        ? `You bought this earlier.${orderNumberPart(next.hold)}`
        : `Payment received. It's yours.${orderNumberPart(next.hold)}`;
    case "confirmed":
      return `${next.alreadyHeld ? "You already bought this." : "Order confirmed."}${orderNumberPart(next.hold)}`;
    case "expired":
      if (next.paymentPending) return LATE_PAYMENT;
      return next.hold?.kind === "OFFER"
        ? "The offer has expired and the unit went to the next person in line. You were not charged."
        : "Your hold has expired and the unit went to the next shopper. You were not charged.";
    case "cancelled":
      return next.paymentPending ? LATE_PAYMENT : "You let it go. Nothing was charged.";
    case "refunded":
      return "Your payment arrived after the hold ended, so we refunded it in full.";
    case "refused":
      return "We are sorry: your reservation could not be honoured, every unit was already taken.";
    case "soldOut":
      return next.canJoinWaitlist ? "Sold out. You can join the waitlist." : "Sold out.";
    case "joining":
      return "Joining the waitlist…";
    case "waitlistFailed":
      return next.message;
    case "paused":
      return "The sale is paused.";
    case "ended":
      return "The sale has ended.";
    case "rateLimited":
      return "Too many attempts. The button unlocks when the timer runs out.";
    case "failed":
      return next.message;
  }
}

/**
 * Whether the change must interrupt (an assertive region): a unit offered from the waitlist or won
 * in the draw, whose clock runs from that moment, and a declined card, which needs the shopper to
 * act before the hold ends.
 */
export function isUrgentChange(previous: BuyStatus | null, next: BuyStatus): boolean {
  if (previous === null || next.name !== "held") return false;
  const before = sameHold(previous, next);
  // A won draw starts a hold's clock the shopper did not start themselves.
  if (!before) return next.hold.kind === "OFFER" || previous.name === "inLobby";
  return newDecline(before, next);
}

/** The last minute of a hold, said once as the countdown crosses it (not when a hold starts inside it). */
export function holdTimeAnnouncement(previousLeftMs: number | null, leftMs: number): string | null {
  if (previousLeftMs === null) return null;
  if (previousLeftMs > 60_000 && leftMs <= 60_000 && leftMs > 0) return "One minute left to pay.";
  return null;
}

/** Stock levels worth saying out loud, from most to least plentiful. */
function stockBucket(left: number, total: number): number {
  if (left <= 1) return 5;
  if (left <= 5) return 4;
  if (left <= 10) return 3;
  if (left <= total / 4) return 2;
  if (left <= total / 2) return 1;
  return 0;
}

/** A sentence when stock falls into a scarcer bucket; zero is left to the "Sold out" status. */
export function stockAnnouncement(previousLeft: number | null, left: number, total: number): string | null {
  if (previousLeft === null || left >= previousLeft || left === 0) return null;
  if (stockBucket(left, total) <= stockBucket(previousLeft, total)) return null;
  if (left === 1) return "Last one left.";
  if (left <= 10) return `Only ${left} left.`;
  return `${left} of ${total} left.`;
}
