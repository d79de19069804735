// What a signed-in shopper sees anywhere under /admin: no admin data, just where to go instead.
import Link from "next/link";
import styles from "../admin.module.css";

export function AdminsOnly() {
  return (
    <section className={styles.forbidden} aria-labelledby="admins-only-title">
      <p className={styles.forbiddenCode}>403</p>
      <h1 id="admins-only-title">Admins only</h1>
      <p className="muted">This area is for the people who run the sales. You are signed in as a shopper.</p>
      <p>
        <Link href="/">Back to the sales</Link>
      </p>
    </section>
  );
}
