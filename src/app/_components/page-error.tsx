"use client";
// The body of a route's error boundary: what failed, a retry, and where else to go.
import { StatePanel, stateButtonClass } from "./state-panel";

export function PageError({
  title,
  reset,
  children,
  otherAction,
}: {
  title: string;
  reset: () => void;
  children: React.ReactNode;
  otherAction?: React.ReactNode;
}) {
  return (
    <StatePanel
      icon="alert"
      tone="error"
      title={title}
      headingLevel={1}
      actions={
        <>
          <button type="button" className={stateButtonClass} onClick={reset}>
            Try again
          </button>
          {otherAction}
        </>
      }
    >
      {children}
    </StatePanel>
  );
}
