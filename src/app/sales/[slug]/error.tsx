"use client";
// A sale page that failed to render: say so plainly and offer a retry. Purchases already made are safe.
import Link from "next/link";
import { PageError } from "~/app/_components/page-error";
import { stateQuietButtonClass } from "~/app/_components/state-panel";

export default function SaleError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageError
      title="This sale did not load"
      reset={reset}
      otherAction={
        <Link href="/" className={stateQuietButtonClass}>
          All sales
        </Link>
      }
    >
      Something went wrong on our side. If you already bought, your order is safe — check My orders.
    </PageError>
  );
}
