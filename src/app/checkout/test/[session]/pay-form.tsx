"use client";
// The card form of the test checkout: one field, the pay button, and the test cards with a button
// each that fills the field. Errors are announced and focus returns to the field to fix them.
import { useActionState, useEffect, useRef } from "react";
import type { TestCard } from "~/server/payments/test-provider/test-cards";
import { payWithTestCard, type TestPayFormState } from "./actions";
import styles from "./test-checkout.module.css";

const initialState: TestPayFormState = { error: null, cardNumber: "", attempt: 0 };

export function PayForm({
  sessionId,
  amountLabel,
  cards,
}: {
  sessionId: string;
  amountLabel: string;
  cards: readonly TestCard[];
}) {
  const [state, formAction, pending] = useActionState(payWithTestCard, initialState);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state.attempt > 0 && state.error) input.current?.focus();
  }, [state]);

  function fillCard(number: string) {
    if (!input.current) return;
    input.current.value = number;
    input.current.focus();
  }

  return (
    <>
      <form action={formAction} className={styles.form} noValidate>
        <input type="hidden" name="sessionId" value={sessionId} />
        <label htmlFor="card-number" className={styles.label}>
          Card number
        </label>
        <input
          ref={input}
          id="card-number"
          name="cardNumber"
          className={styles.input}
          inputMode="numeric"
          autoComplete="cc-number"
          placeholder="4242 4242 4242 4242"
          maxLength={40}
          required
          defaultValue={state.cardNumber}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "card-error card-hint" : "card-hint"}
        />
        <p id="card-hint" className={styles.hint}>
          Test cards only: pick one below. No expiry date or CVC needed.
        </p>
        <div id="card-error" className={styles.errorSlot} aria-live="assertive" aria-atomic="true">
          {state.error && <p className={styles.error}>{state.error}</p>}
        </div>
        <button type="submit" className={styles.payButton} disabled={pending}>
          {pending ? (
            <>
              <span className={styles.spinner} aria-hidden="true" />
              Paying…
            </>
          ) : (
            `Pay ${amountLabel}`
          )}
        </button>
      </form>

      <section className={styles.cards} aria-labelledby="test-cards-title">
        <h3 id="test-cards-title" className={styles.cardsTitle}>
          Test cards
        </h3>
        <ul className={styles.cardList}>
          {cards.map((card) => (
            <li key={card.number} className={styles.cardRow} data-outcome={card.outcome}>
              <span className={styles.cardNumber}>{card.number}</span>
              <span className={styles.cardOutcome}>{card.description}</span>
              <button
                type="button"
                className={styles.useButton}
                onClick={() => fillCard(card.number)}
                aria-label={`Use card ${card.number}`}
              >
                Use
              </button>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
