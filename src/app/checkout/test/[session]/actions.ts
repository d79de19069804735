"use server";
// Paying on the test checkout page. The session id and card number come from the browser, so
// both are checked here; the provider decides the rest (which card, whether the checkout is open).
import { redirect } from "next/navigation";
import { z } from "zod";
import { services } from "~/server/app-services";
import { isTestProvider } from "~/server/payments";
import { TEST_ID_PATTERNS } from "~/server/payments/test-provider/ids";
import { normalizeCardNumber } from "~/server/payments/test-provider/test-cards";
import { TEST_CHECKOUT_PATH } from "~/server/payments/test-provider/test-provider";

export interface TestPayFormState {
  error: string | null;
  /** What was typed, given back so a failed attempt keeps it. */
  cardNumber: string;
  /** Counts answers, so the form moves focus back to the field after each failed one. */
  attempt: number;
}

const payInputSchema = z.object({
  sessionId: z.string().regex(TEST_ID_PATTERNS.session, "This checkout link is not valid."),
  cardNumber: z
    .string()
    .trim()
    .min(1, "Enter a card number.")
    .max(40, "Enter a card number: 12 to 19 digits.")
    .transform(normalizeCardNumber)
    .pipe(z.string().regex(/^\d{12,19}$/, "Enter a card number: 12 to 19 digits.")),
});

const MESSAGES = {
  notATestCard:
    "That is not a test card. This checkout takes only the test cards listed below, and never charges a real card.",
  failed: "The payment could not be completed just now. Please try again.",
  unavailable: "Test payments are not available on this deployment.",
} as const;

export async function payWithTestCard(previous: TestPayFormState, formData: FormData): Promise<TestPayFormState> {
  const field = formData.get("cardNumber");
  const typed = typeof field === "string" ? field : "";
  const answer = (error: string): TestPayFormState => ({
    error,
    cardNumber: typed.slice(0, 40),
    attempt: previous.attempt + 1,
  });

  const provider = services.clients.payments;
  if (!isTestProvider(provider)) return answer(MESSAGES.unavailable);
  const parsed = payInputSchema.safeParse({ sessionId: formData.get("sessionId"), cardNumber: typed });
  if (!parsed.success) return answer(parsed.error.issues[0]?.message ?? MESSAGES.failed);
  const { sessionId, cardNumber } = parsed.data;

  let outcome: Awaited<ReturnType<typeof provider.pay>>;
  try {
    outcome = await provider.pay(sessionId, cardNumber);
  } catch (error) {
    services.logger.error("payment.test_pay_failed", {
      sessionId,
      message: error instanceof Error ? error.message.split("\n")[0] : String(error),
    });
    return answer(MESSAGES.failed);
  }

  switch (outcome.status) {
    case "succeeded":
    case "processing":
      return redirect(outcome.successUrl);
    case "declined":
      return answer(`${outcome.reason} Nothing was charged. Try another card.`);
    case "not_a_test_card":
      return answer(MESSAGES.notATestCard);
    case "closed":
    case "not_found":
      // The page shows why this checkout no longer takes money, and the way back.
      return redirect(`${TEST_CHECKOUT_PATH}/${sessionId}`);
  }
}
