// When money comes back: holds that end unpaid cost nothing, and a payment that arrives after its
// hold ended is refunded in full unless the unit is still free.
import type { Metadata } from "next";
import Link from "next/link";
import styles from "../prose.module.css";

export const metadata: Metadata = { title: "Returns & refunds" };

export default function ReturnsPage() {
  return (
    <article className={styles.page}>
      <h1>Returns &amp; refunds</h1>
      <p className={styles.lead}>When you are charged, and when your money comes back.</p>

      <section aria-labelledby="refunds-holds">
        <h2 id="refunds-holds">Holds that end unpaid</h2>
        <p>
          A hold that runs out, or that you let go, costs nothing: no payment is taken, so there is nothing to refund.
        </p>
      </section>

      <section aria-labelledby="refunds-late">
        <h2 id="refunds-late">A payment that arrives after the hold ended</h2>
        <ul>
          <li>If a unit is still free when your payment reaches us, it is yours and the order is confirmed.</li>
          <li>
            If not, we refund the payment in full, automatically. The sale page and My orders show it as refunded.
            Depending on your bank, the refund can take a few days to show on your statement.
          </li>
        </ul>
      </section>

      <section aria-labelledby="refunds-refused">
        <h2 id="refunds-refused">An order we could not honour</h2>
        <p>If our records find every unit already taken for a reservation, we refuse the order and charge nothing.</p>
      </section>

      <section aria-labelledby="refunds-other">
        <h2 id="refunds-other">Anything else</h2>
        <p>
          For a problem with an item you received, or a charge you do not recognise,{" "}
          <Link href="/contact">contact us</Link> with your order number (it looks like SP-XXXXX-XXXXX and is shown on
          the sale page and in <Link href="/orders">My orders</Link>).
        </p>
      </section>
    </article>
  );
}
