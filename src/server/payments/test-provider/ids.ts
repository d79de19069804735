// The test provider's ids, shaped like Stripe's (a type prefix and random hex), so logs and the
// database read the same whichever provider took the money.
import { randomBytes } from "node:crypto";

export const TEST_ID_PATTERNS = {
  session: /^tcs_[0-9a-f]{32}$/,
  charge: /^tch_[0-9a-f]{32}$/,
  event: /^tev_[0-9a-f]{32}$/,
  refund: /^tre_[0-9a-f]{32}$/,
} as const;

const PREFIXES = { session: "tcs", charge: "tch", event: "tev", refund: "tre" } as const;

export function newTestId(kind: keyof typeof PREFIXES): string {
  return `${PREFIXES[kind]}_${randomBytes(16).toString("hex")}`;
}

export function isTestSessionId(value: string): boolean {
  return TEST_ID_PATTERNS.session.test(value);
}
