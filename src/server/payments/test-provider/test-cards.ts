// The card numbers the test provider knows, the same ones Stripe's test mode uses, so a person who
// has tried one checkout knows the other. Any other number is refused as "not a test card": this
// page must never look like it could take a real one.
export type TestCardOutcome = "succeeds" | "declined" | "succeeds_after_delay";

export interface TestCard {
  /** Grouped in fours, as people read and type it. */
  number: string;
  outcome: TestCardOutcome;
  /** What paying with it does, in a sentence for the page. */
  description: string;
}

export const TEST_CARDS: readonly TestCard[] = [
  { number: "4242 4242 4242 4242", outcome: "succeeds", description: "Succeeds at once." },
  { number: "4000 0000 0000 0002", outcome: "declined", description: "Declined; you can try another card." },
  {
    number: "4000 0000 0000 3220",
    outcome: "succeeds_after_delay",
    description: "Succeeds, but the shop hears of it a few seconds later.",
  },
];

/** Digits only: spaces and dashes are how people type card numbers, not part of them. */
export function normalizeCardNumber(typed: string): string {
  return typed.replace(/[\s-]/g, "");
}

export function findTestCard(typed: string): TestCard | undefined {
  const digits = normalizeCardNumber(typed);
  return TEST_CARDS.find((card) => normalizeCardNumber(card.number) === digits);
}

/** The decline the provider reports for the declining card (Stripe's wording for `card_declined`). */
export const DECLINE_REASON = "Your card was declined.";
