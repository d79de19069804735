// /sales/<unknown> – a sale that does not exist, or is not on the storefront (any more).
import Link from "next/link";
import { StatePanel, stateButtonClass } from "~/app/_components/state-panel";

export default function SaleNotFound() {
  return (
    <StatePanel
      icon="search"
      title="We could not find that sale"
      headingLevel={1}
      actions={
        <Link href="/" className={stateButtonClass}>
          See current sales
        </Link>
      }
    >
      The link may be mistyped, or the sale was withdrawn. Live and upcoming drops are all on the front page.
    </StatePanel>
  );
}
