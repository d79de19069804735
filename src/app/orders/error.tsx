"use client";
// My orders failed to render: a retry, and reassurance that nothing was lost.
import { PageError } from "~/app/_components/page-error";

export default function OrdersError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageError title="We could not load your orders" reset={reset}>
      Something went wrong on our side. Your orders are safe; please try again in a moment.
    </PageError>
  );
}
