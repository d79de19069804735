// The designed empty, error and not-found states: an icon, a heading, a sentence and a way on.
import { StateIcon, type StateIconName } from "./state-icons";
import styles from "./storefront.module.css";

export function StatePanel({
  icon,
  title,
  children,
  actions,
  tone = "neutral",
  headingLevel = 2,
}: {
  icon: StateIconName;
  title: string;
  children: React.ReactNode;
  actions?: React.ReactNode;
  tone?: "neutral" | "error";
  headingLevel?: 1 | 2;
}) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section className={styles.state} data-tone={tone} role={tone === "error" ? "alert" : undefined}>
      <span className={styles.stateIcon}>
        <StateIcon name={icon} />
      </span>
      <Heading>{title}</Heading>
      <p>{children}</p>
      {actions && <div className={styles.stateActions}>{actions}</div>}
    </section>
  );
}

export const stateButtonClass = styles.button;
export const stateQuietButtonClass = `${styles.button} ${styles.buttonQuiet}`;
