// A spinner before a label, for buttons whose request is in flight.
import styles from "./sale.module.css";

export function Busy({ children }: { children: React.ReactNode }) {
  return (
    <>
      <span className={styles.spinner} aria-hidden="true" />
      {children}
    </>
  );
}
