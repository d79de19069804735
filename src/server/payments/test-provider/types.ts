// What the test provider offers beyond PaymentProvider: its checkout page reads a session and pays
// it. Only that page uses these (through isTestProvider); the shop sees a PaymentProvider.
import type { PaymentProvider } from "~/server/payments/provider";

/** One checkout as its page shows it. */
export interface TestCheckoutView {
  sessionId: string;
  state: "open" | "paid" | "closed";
  title: string;
  amountMinor: number;
  currency: string;
  holdExpiresAt: number;
  successUrl: string;
  cancelUrl: string;
  declines: number;
  lastDecline: string | null;
  /** The provider's clock when this was read (epoch ms), for the page's countdown. */
  serverNow: number;
}

export type TestPayOutcome =
  /** Paid (now, or earlier: paying a paid checkout again takes nothing more). */
  | { status: "succeeded"; paymentRef: string; successUrl: string }
  /** Paid; the shop hears of it a few seconds later (the slow card). */
  | { status: "processing"; paymentRef: string; successUrl: string }
  /** Nothing taken; the payer may try another card. */
  | { status: "declined"; reason: string }
  /** Not one of the test cards: nothing happened. */
  | { status: "not_a_test_card" }
  /** The checkout no longer takes money. */
  | { status: "closed"; cancelUrl: string }
  | { status: "not_found" };

export interface TestPaymentProvider extends PaymentProvider {
  readonly name: "test";
  describe(sessionId: string): Promise<TestCheckoutView | null>;
  pay(sessionId: string, cardNumber: string): Promise<TestPayOutcome>;
}

export function isTestProvider(provider: PaymentProvider): provider is TestPaymentProvider {
  return provider.name === "test" && "pay" in provider && "describe" in provider;
}
