// What screen readers hear, through a polite live region. Only changes that matter are spoken:
// a new purchase status, and stock crossing a threshold — never every tick or every poll.
import type { BuyStatus } from "./buy-flow";

/** The short order number shoppers see and quote: the tail of the order id. */
export function orderNumber(orderId: string): string {
  return orderId.slice(-8).toUpperCase();
}

export function statusAnnouncement(previous: BuyStatus | null, next: BuyStatus): string | null {
  // Page load is not news: the page itself says where things stand.
  if (previous === null || previous.name === next.name) return null;
  switch (next.name) {
    case "signedOut":
      return "Your session has ended. Sign in to buy.";
    case "notStarted":
      return "The sale has not started yet.";
    case "ready":
      return "The sale is live. You can buy now.";
    case "reserving":
      return "Reserving your unit…";
    case "confirming":
      return next.alreadyHeld ? "You already have one. Confirming your order…" : "Reserved! Confirming your order…";
    case "confirmed":
      return `${next.alreadyHeld ? "You already bought this." : "Order confirmed."} Order number ${orderNumber(next.orderId)}.`;
    case "refused":
      return "We are sorry: your reservation could not be honoured, every unit was already taken.";
    case "soldOut":
      return "Sold out.";
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
