// A horizontal bar chart drawn as SVG, one labelled row per item. Its text alternative is the table
// the caller puts beside it; the SVG itself carries a title and a one-line summary.
import styles from "./fairness.module.css";

export interface Bar {
  label: string;
  value: number;
  /** Written at the bar's end, e.g. "12 units · 3.1%". */
  note: string;
  /** Marks a bar that stands out (a flagged block). */
  highlight?: boolean;
}

const WIDTH = 360;
const ROW = 40;
// Room for the label beside the value at 11px; the table beside the chart has it in full.
const LABEL_MAX = 40;

const fitted = (label: string) => (label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label);

export function BarChart(props: { id: string; title: string; summary: string; bars: readonly Bar[] }) {
  const max = Math.max(1, ...props.bars.map((bar) => bar.value));
  const height = props.bars.length * ROW;
  return (
    <svg
      className={styles.chart}
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${props.id}-title ${props.id}-desc`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <desc id={`${props.id}-desc`}>{props.summary}</desc>
      {props.bars.map((bar, index) => {
        const y = index * ROW;
        return (
          <g key={`${bar.label}-${index}`}>
            <text x={0} y={y + 13} className={styles.chartLabel}>
              {fitted(bar.label)}
            </text>
            <text x={WIDTH} y={y + 13} textAnchor="end" className={styles.chartValue}>
              {bar.note}
            </text>
            <rect x={0} y={y + 19} width={WIDTH} height={13} rx={3} className={styles.chartTrack} />
            <rect
              x={0}
              y={y + 19}
              width={Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * WIDTH)}
              height={13}
              rx={3}
              className={bar.highlight ? styles.chartBarFlagged : styles.chartBar}
            />
          </g>
        );
      })}
    </svg>
  );
}
