"use client";
// A sale page that failed to render: say so plainly and offer a retry. Purchases already made are safe.
import Link from "next/link";
import { StatePanel, stateButtonClass, stateQuietButtonClass } from "~/app/_components/state-panel";

export default function SaleError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StatePanel
      icon="alert"
      tone="error"
      title="This sale did not load"
      headingLevel={1}
      actions={
        <>
          <button type="button" className={stateButtonClass} onClick={reset}>
            Try again
          </button>
          <Link href="/" className={stateQuietButtonClass}>
            All sales
          </Link>
        </>
      }
    >
      Something went wrong on our side. If you already bought, your order is safe — check My orders.
    </StatePanel>
  );
}
