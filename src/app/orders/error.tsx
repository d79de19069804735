"use client";
// My orders failed to render: a retry, and reassurance that nothing was lost.
import { StatePanel, stateButtonClass } from "~/app/_components/state-panel";

export default function OrdersError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StatePanel
      icon="alert"
      tone="error"
      title="We could not load your orders"
      headingLevel={1}
      actions={
        <button type="button" className={stateButtonClass} onClick={reset}>
          Try again
        </button>
      }
    >
      Something went wrong on our side. Your orders are safe; please try again in a moment.
    </StatePanel>
  );
}
