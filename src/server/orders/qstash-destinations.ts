// Where QStash delivers this deployment's messages: the one list of callback paths, shared by the
// publishers (buy path, schedules), the route handlers that verify signatures bound to these URLs,
// and the tests that serve the same handlers.
import type { Deployment } from "~/server/deployment/deployment";

export const QSTASH_PATHS = {
  /** A reservation to persist as an order. */
  orders: "/api/qstash/orders",
  /** QStash gave up on an order message. */
  failures: "/api/qstash/failures",
  /** The scheduled sweep that persists stale reservations and checks the books. */
  reconcile: "/api/qstash/reconcile",
  /** A sale's holds falling due: release the unpaid ones (sent with not-before = their expiry). */
  holds: "/api/qstash/holds",
  /** A fair draw's start (sent with not-before = the start), and persisting a draw that ran. */
  draw: "/api/qstash/draw",
  /** A shopper's reminder that a sale is opening (sent with not-before = the opening). */
  reminders: "/api/qstash/reminders",
} as const;

export type QStashDestination = keyof typeof QSTASH_PATHS;

/** The absolute URL of a destination, or undefined where the public URL is not known. */
export function destinationUrl(publicUrl: string | undefined, destination: QStashDestination): string | undefined {
  return publicUrl && `${publicUrl}${QSTASH_PATHS[destination]}`;
}

/** Which of our destinations a delivery URL names (by its path), or null for anyone else's. */
export function destinationOfUrl(url: string): QStashDestination | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const found = (Object.keys(QSTASH_PATHS) as QStashDestination[]).find((name) => QSTASH_PATHS[name] === path);
  return found ?? null;
}

export interface OrderPublishTarget {
  namespace: string;
  orderCallbackUrl: string;
  failureCallbackUrl: string;
  holdExpiryUrl: string;
  /** Vercel Deployment Protection bypass, forwarded so deliveries reach protected previews. */
  protectionBypassSecret?: string;
}

export function orderPublishTarget(deployment: Deployment): OrderPublishTarget {
  if (!deployment.publicUrl) {
    throw new Error("APP_URL is not set and no Vercel URL is available: QStash has nowhere to deliver orders.");
  }
  return {
    namespace: deployment.namespace,
    orderCallbackUrl: `${deployment.publicUrl}${QSTASH_PATHS.orders}`,
    failureCallbackUrl: `${deployment.publicUrl}${QSTASH_PATHS.failures}`,
    holdExpiryUrl: `${deployment.publicUrl}${QSTASH_PATHS.holds}`,
    protectionBypassSecret: deployment.protectionBypassSecret,
  };
}

/** Where a sale's draw messages go (see ~/server/fair-draw/draw-message). */
export interface DrawPublishTarget {
  namespace: string;
  drawUrl: string;
  protectionBypassSecret?: string;
}

export function drawPublishTarget(deployment: Deployment): DrawPublishTarget {
  if (!deployment.publicUrl) {
    throw new Error("APP_URL is not set and no Vercel URL is available: QStash has nowhere to deliver the draw.");
  }
  return {
    namespace: deployment.namespace,
    drawUrl: `${deployment.publicUrl}${QSTASH_PATHS.draw}`,
    protectionBypassSecret: deployment.protectionBypassSecret,
  };
}

/** Where reminder messages go (see ~/server/reminders/reminder-message), and the site they link to. */
export interface ReminderPublishTarget {
  namespace: string;
  remindersUrl: string;
  siteUrl: string;
  protectionBypassSecret?: string;
}

export function reminderPublishTarget(deployment: Deployment): ReminderPublishTarget {
  if (!deployment.publicUrl) {
    throw new Error("APP_URL is not set and no Vercel URL is available: QStash has nowhere to deliver reminders.");
  }
  return {
    namespace: deployment.namespace,
    remindersUrl: `${deployment.publicUrl}${QSTASH_PATHS.reminders}`,
    siteUrl: deployment.publicUrl,
    protectionBypassSecret: deployment.protectionBypassSecret,
  };
}
