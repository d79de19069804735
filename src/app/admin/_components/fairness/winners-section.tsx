// Who was given a hold and how long after the start: a histogram on a roughly logarithmic scale
// (a draw gives its holds at once; first come spreads them; offers from the queue come later).
import type { FairnessReportView } from "~/server/fair-draw/report/types";
import adminStyles from "../../admin.module.css";
import styles from "./fairness.module.css";
import { Histogram } from "./histogram";
import { count, duration } from "./words";

const SHORT: Record<string, string> = {
  "under 0.1 s": "<0.1 s",
  "0.1–1 s": "0.1–1 s",
  "1–10 s": "1–10 s",
  "10–60 s": "10–60 s",
  "1–10 min": "1–10 m",
  "10 min or more": "≥10 m",
};

export function WinnersSection({ report }: { report: FairnessReportView }) {
  const { winners, timeToHold } = report;
  const offers = winners.filter((winner) => winner.holdKind === "OFFER").length;
  return (
    <section className={styles.section} aria-labelledby="winners-title">
      <h2 id="winners-title">Winners and time to hold</h2>
      {winners.length === 0 ? (
        <p className="empty-state">Nobody has been given a hold yet.</p>
      ) : (
        <>
          <p className={styles.lead}>
            {count(winners.length)} {winners.length === 1 ? "shopper was" : "shoppers were"} given a hold
            {offers > 0 && ` (${count(offers)} of them offered a released unit from the waitlist)`}. Half had it within{" "}
            {duration(timeToHold.medianMs ?? 0)} of the start, nine in ten within {duration(timeToHold.p90Ms ?? 0)}.
          </p>
          <figure className={styles.figure}>
            <figcaption>Time from the start to the hold</figcaption>
            <Histogram
              id="time-to-hold"
              title="Holds by time from the start"
              summary={timeToHold.bins.map((bin) => `${bin.label}: ${bin.count}`).join("; ")}
              bins={timeToHold.bins.map((bin) => ({ ...bin, short: SHORT[bin.label] ?? bin.label }))}
            />
            <details className={styles.tableToggle}>
              <summary>Show as a table</summary>
              <table className={adminStyles.table}>
                <thead>
                  <tr>
                    <th scope="col">Time from the start</th>
                    <th scope="col" className={styles.numeric}>
                      Holds
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {timeToHold.bins.map((bin) => (
                    <tr key={bin.label}>
                      <td>{bin.label}</td>
                      <td className={styles.numeric}>{count(bin.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </figure>
        </>
      )}
    </section>
  );
}
