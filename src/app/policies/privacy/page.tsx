// What the store keeps about a shopper, why, and for how long, as the code actually does it.
import type { Metadata } from "next";
import Link from "next/link";
import styles from "../prose.module.css";

export const metadata: Metadata = { title: "Privacy" };

export default function PrivacyPage() {
  return (
    <article className={styles.page}>
      <h1>Privacy</h1>
      <p className={styles.lead}>What we keep about you, and why.</p>

      <section aria-labelledby="privacy-keep">
        <h2 id="privacy-keep">What we keep</h2>
        <ul>
          <li>
            <strong>Your account:</strong> your email address (and the name and picture your sign-in provider shares, if
            you use one), and when the account was created.
          </li>
          <li>
            <strong>Your orders:</strong> which drop, when you reserved, the order number, the amount and its status
            (held, paid, expired, refunded…).
          </li>
          <li>
            <strong>Payments:</strong> the payment provider&apos;s reference, amount and outcome. Card details stay with
            the provider; we never receive your full card number.
          </li>
          <li>
            <strong>Reminders</strong> you ask for, and whether the email went out.
          </li>
          <li>
            <strong>Fair-draw and protected drops:</strong> your entry, your place in the draw, the network block your
            request came from and a device cookie, used only to enforce the one-per-person rules. The public draw record
            shows no email, account or address.
          </li>
        </ul>
      </section>

      <section aria-labelledby="privacy-cookies">
        <h2 id="privacy-cookies">Cookies</h2>
        <ul>
          <li>A sign-in cookie, so you stay signed in.</li>
          <li>
            A device cookie: a random id we sign, kept by your browser for up to 400 days, so one device cannot pose as
            many. No advertising or tracking cookies.
          </li>
        </ul>
      </section>

      <section aria-labelledby="privacy-email">
        <h2 id="privacy-email">Email</h2>
        <p>We email you only sign-in links you ask for and the drop reminders you set. No newsletters.</p>
      </section>

      <section aria-labelledby="privacy-time">
        <h2 id="privacy-time">How long</h2>
        <p>
          Orders and payments are kept as the store&apos;s record of each sale. To close your account or ask what we
          hold about you, <Link href="/contact">contact us</Link>.
        </p>
      </section>
    </article>
  );
}
