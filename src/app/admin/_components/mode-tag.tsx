// How a sale opens, as a small tag beside its status in the admin list and on its page.
import { OPENING_MODE_LABELS, type OpeningMode } from "~/lib/fair-draw";
import styles from "../admin.module.css";

export function ModeTag({ mode }: { mode: OpeningMode }) {
  return (
    <span className={`${styles.modeTag} ${mode === "FAIR_DRAW" ? styles.modeTagDraw : ""}`} data-mode={mode}>
      <span className={styles.visuallyHidden}>Opening mode: </span>
      {OPENING_MODE_LABELS[mode]}
    </span>
  );
}
