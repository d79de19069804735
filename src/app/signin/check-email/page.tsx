import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  return (
    <section className="signin" aria-labelledby="check-email-title">
      <div className="signin-card">
        <h1 id="check-email-title">Check your email</h1>
        <p>We sent you a sign-in link. Open it on this device to finish signing in.</p>
        <p className="muted">The link works once and expires in 24 hours. Nothing arrived? Check your spam folder.</p>
        <p>
          <Link href="/signin">Back to sign-in</Link>
        </p>
      </div>
    </section>
  );
}
