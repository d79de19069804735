// How to reach the store, and what to include so an order can be found at once.
import type { Metadata } from "next";
import Link from "next/link";
import { env } from "~/env";
import styles from "../policies/prose.module.css";

export const metadata: Metadata = { title: "Contact" };

// Read at request time, so a deployment's CONTACT_EMAIL shows without a rebuild.
export const dynamic = "force-dynamic";

export default function ContactPage() {
  const address = env.CONTACT_EMAIL;
  return (
    <article className={styles.page}>
      <h1>Contact</h1>
      <p className={styles.lead}>Questions about an order, a payment or a refund: we are happy to help.</p>

      <div className={styles.card} data-testid="contact-address">
        {address ? (
          <p>
            Email us at <a href={`mailto:${address}`}>{address}</a>.
          </p>
        ) : (
          <p>This store has not published a contact address yet.</p>
        )}
      </div>

      <section aria-labelledby="contact-include">
        <h2 id="contact-include">What to include</h2>
        <ul>
          <li>
            Your order number. It looks like SP-XXXXX-XXXXX and is on the sale page and in{" "}
            <Link href="/orders">My orders</Link>.
          </li>
          <li>The email address you signed in with.</li>
          <li>The name of the drop.</li>
        </ul>
      </section>

      <section aria-labelledby="contact-cannot">
        <h2 id="contact-cannot">What we cannot change</h2>
        <p>
          Who got a unit is decided by the order requests reached us, or by the draw, and is the same for everyone: we
          cannot hold a unit back for anyone or give a second one. See the{" "}
          <Link href="/policies/terms">terms of sale</Link> and <Link href="/policies/returns">refunds</Link>.
        </p>
      </section>
    </article>
  );
}
