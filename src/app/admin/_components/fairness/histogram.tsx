// A histogram drawn as SVG: one column per bin, its count above it and its range below. Its text
// alternative is the table the caller puts beside it.
import type { HistogramBin } from "~/server/fair-draw/report/types";
import styles from "./fairness.module.css";

const WIDTH = 360;
const PLOT = 150;
const TOP = 18;
const LABELS = 36;

export function Histogram(props: {
  id: string;
  title: string;
  summary: string;
  bins: ReadonlyArray<HistogramBin & { short: string }>;
}) {
  const max = Math.max(1, ...props.bins.map((bin) => bin.count));
  const column = WIDTH / props.bins.length;
  const bar = column * 0.7;
  return (
    <svg
      className={styles.chart}
      viewBox={`0 0 ${WIDTH} ${TOP + PLOT + LABELS}`}
      role="img"
      aria-labelledby={`${props.id}-title ${props.id}-desc`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <desc id={`${props.id}-desc`}>{props.summary}</desc>
      <line x1={0} x2={WIDTH} y1={TOP + PLOT} y2={TOP + PLOT} className={styles.chartAxis} />
      {props.bins.map((bin, index) => {
        const height = (bin.count / max) * PLOT;
        const x = index * column + (column - bar) / 2;
        return (
          <g key={bin.label}>
            <rect
              x={x}
              y={TOP + PLOT - height}
              width={bar}
              height={Math.max(bin.count > 0 ? 2 : 0, height)}
              rx={2}
              className={styles.chartBar}
            />
            <text x={x + bar / 2} y={TOP + PLOT - height - 5} textAnchor="middle" className={styles.chartValue}>
              {bin.count.toLocaleString("en-US")}
            </text>
            <text x={x + bar / 2} y={TOP + PLOT + 16} textAnchor="middle" className={styles.chartLabel}>
              {bin.short}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
