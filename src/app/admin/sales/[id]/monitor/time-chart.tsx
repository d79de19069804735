"use client";
// One uPlot time chart: created once, fed with setData on every snapshot, resized with its
// container. The canvas is a picture (role="img" with the chart's name); the numbers a screen
// reader needs sit beside it as text (see MonitorFigure). Empty series show "No activity yet".
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatTime } from "~/lib/date-format";
import styles from "./monitor.module.css";

export interface ChartLine {
  label: string;
  color: string;
  values: Array<number | null>;
  /** Draw as steps (gauges carried forward) rather than a line. */
  stepped?: boolean;
}

const HEIGHT = 170;

function optionsFor(lines: ChartLine[], width: number, unit: string): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min ?? 0), Math.max(1, max ?? 1)] } },
    axes: [
      {
        stroke: "#475569",
        grid: { stroke: "#e2e8f0" },
        ticks: { stroke: "#e2e8f0" },
        // The app's one time format ("18:03 UTC"), not the browser's 12-hour local clock.
        space: 90,
        values: (_u, splits) => splits.map((seconds) => formatTime(seconds * 1000)),
      },
      {
        stroke: "#475569",
        grid: { stroke: "#e2e8f0" },
        ticks: { stroke: "#e2e8f0" },
        size: unit ? 72 : 48,
        values: (_u, splits) => splits.map((value) => `${value.toLocaleString("en-US")}${unit}`),
      },
    ],
    series: [
      {},
      ...lines.map((line) => ({
        label: line.label,
        stroke: line.color,
        width: 2,
        spanGaps: false,
        points: { show: false },
        ...(line.stepped ? { paths: uPlot.paths.stepped!({ align: 1 }) } : {}),
      })),
    ],
  };
}

export function TimeChart({
  name,
  times,
  lines,
  unit = "",
}: {
  /** The chart's accessible name. */
  name: string;
  times: number[];
  lines: ChartLine[];
  unit?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const data: uPlot.AlignedData = [times, ...lines.map((line) => line.values)];
  const shape = lines.map((line) => `${line.label}|${line.color}|${line.stepped ? 1 : 0}`).join(",");

  // Created once per set of lines (declared before the data effect, so it runs first).
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    // Created empty; the effect below gives it the data, now and on every snapshot after.
    const empty: uPlot.AlignedData = [[], ...lines.map(() => [])];
    const plot = new uPlot(optionsFor(lines, Math.max(200, element.clientWidth), unit), empty, element);
    chart.current = plot;
    const resize = new ResizeObserver(() => {
      plot.setSize({ width: Math.max(200, element.clientWidth), height: HEIGHT });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
    };
    // `lines` and `unit` are read at creation only; `shape` says when they really changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape]);

  useEffect(() => {
    chart.current?.setData(data);
  });

  const empty = lines.every((line) => line.values.every((value) => value === null || value === 0));
  return (
    <div className={styles.chartFrame}>
      <div ref={box} className={styles.chart} role="img" aria-label={name} />
      {empty && <p className={styles.chartEmpty}>No activity yet</p>}
      <ul className={styles.keys} aria-hidden="true">
        {lines.map((line) => (
          <li key={line.label}>
            <span className={styles.swatch} style={{ background: line.color }} /> {line.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
