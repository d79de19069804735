// The terms a shopper buys under, in the words the sale page uses: one per person, holds, never
// oversold, what an organiser may change.
import type { Metadata } from "next";
import Link from "next/link";
import styles from "../prose.module.css";

export const metadata: Metadata = { title: "Terms of sale" };

export default function TermsPage() {
  return (
    <article className={styles.page}>
      <h1>Terms of sale</h1>
      <p className={styles.lead}>How buying in a Stampede drop works. Short, because the rules are simple.</p>

      <section aria-labelledby="terms-drops">
        <h2 id="terms-drops">Drops</h2>
        <p>
          A drop is a limited number of units on sale between a start and an end time. Times are kept by our
          server&apos;s clock, not your device&apos;s: the Buy button unlocks at the start by our clock.
        </p>
      </section>

      <section aria-labelledby="terms-one">
        <h2 id="terms-one">One per person</h2>
        <ul>
          <li>Each account can get one unit of each drop.</li>
          <li>
            Some drops ask your browser to solve a small security check, limit how many accounts may buy from one device
            or network, or require an account of a minimum age. The sale page says so when it does.
          </li>
          <li>
            In a first-come drop, units go in the order requests reach us. In a fair-draw drop, everyone who enters the
            lobby before the start has the same chance, and one draw at the start decides who gets the units.
          </li>
        </ul>
      </section>

      <section aria-labelledby="terms-holds">
        <h2 id="terms-holds">Holds and paying</h2>
        <ul>
          <li>
            When you get a unit it is held for you for the time shown on the page (usually 10 minutes; a unit offered
            from a waitlist, usually 5). Pay within that time and the order is yours.
          </li>
          <li>
            If you do not pay in time, or you choose to let it go, the unit goes to the next shopper and your turn in
            that drop ends. You are not charged.
          </li>
          <li>
            You pay on our payment provider&apos;s page, in the currency shown. We never see your full card number.
          </li>
        </ul>
      </section>

      <section aria-labelledby="terms-never">
        <h2 id="terms-never">Never oversold</h2>
        <p>
          We never sell more units than a drop has. In the rare case where a reservation went through but our records
          find every unit already taken, we refuse that order and nothing is charged.
        </p>
      </section>

      <section aria-labelledby="terms-changes">
        <h2 id="terms-changes">When a drop changes</h2>
        <p>
          The organiser may pause a drop, move its times, or end it early. Orders already paid stay yours. A drop ended
          early shows the time it actually ended.
        </p>
      </section>

      <p>
        See also <Link href="/policies/returns">Returns &amp; refunds</Link> and{" "}
        <Link href="/policies/privacy">Privacy</Link>. Questions: <Link href="/contact">contact us</Link>.
      </p>
    </article>
  );
}
