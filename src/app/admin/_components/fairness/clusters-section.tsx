// Blocks and devices that look automated, each with the signals that fired, in words; and what the
// challenges and limits turned away, by reason, as a chart with its table.
import type { FairnessReportView } from "~/server/fair-draw/report/types";
import adminStyles from "../../admin.module.css";
import { BarChart } from "./bar-chart";
import styles from "./fairness.module.css";
import { count, reasonLabel, signalWords, STAGE_LABELS, STAGE_SHORT } from "./words";

export function ClustersSection({ report }: { report: FairnessReportView }) {
  const { clusters, rules } = report;
  return (
    <section className={styles.section} aria-labelledby="clusters-title">
      <h2 id="clusters-title">Clusters that look automated</h2>
      <p className={styles.lead}>
        Flagged when more accounts tried from one address block than its allowance of {rules.entriesPerBlock} (one
        device: {rules.entriesPerDevice}), or when {rules.burstMinPerBlock} accounts from one block (
        {rules.burstMinPerDevice} from one device) entered within {rules.burstWindowMs} ms of each other. A block or
        device that used its whole allowance is listed to watch: offices and mobile networks do that honestly.
      </p>
      {clusters.length === 0 ? (
        <p className="empty-state">Nothing stands out.</p>
      ) : (
        <ul className={styles.clusters}>
          {clusters.map((cluster) => (
            <li
              key={`${cluster.kind}:${cluster.key}`}
              className={`${styles.cluster} ${cluster.verdict === "AUTOMATED" ? styles.clusterAutomated : ""}`}
              data-verdict={cluster.verdict}
            >
              <div className={styles.clusterHead}>
                <span className={styles.verdict}>{cluster.verdict === "AUTOMATED" ? "Looks automated" : "Watch"}</span>
                <strong>{cluster.kind === "BLOCK" ? "Address block" : "Device"}</strong>
                <span className={styles.hex}>{cluster.key}</span>
              </div>
              <span className="muted">
                {count(cluster.accounts)} {cluster.accounts === 1 ? "account" : "accounts"} entered,{" "}
                {count(cluster.refused)} attempts turned away, {count(cluster.units)}{" "}
                {cluster.units === 1 ? "unit" : "units"} won
              </span>
              {cluster.related.length > 0 && (
                <span className="muted">
                  {cluster.kind === "DEVICE" ? "From address blocks " : "On devices "}
                  <span className={styles.hex}>{cluster.related.slice(0, 5).join(", ")}</span>
                  {cluster.related.length > 5 && ` and ${count(cluster.related.length - 5)} more`}
                </span>
              )}
              <ul className={styles.signals}>
                {cluster.signals.map((signal) => (
                  <li key={signal.kind}>{signalWords(signal)}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function DenialsSection({ report }: { report: FairnessReportView }) {
  const { denials } = report;
  return (
    <section className={styles.section} aria-labelledby="denials-title">
      <h2 id="denials-title">Turned away</h2>
      <p className={styles.lead}>
        Entries and buys the challenges and limits refused, by stage and reason
        {denials.source === "snapshot" && " (as recorded when the sale ended)"}.
      </p>
      {denials.rows.length === 0 ? (
        <p className="empty-state">
          {denials.source === "none" ? "No refusals are recorded for this sale." : "Nothing was turned away."}
        </p>
      ) : (
        <figure className={styles.figure}>
          <figcaption>
            {count(denials.total)} {denials.total === 1 ? "refusal" : "refusals"} by reason
          </figcaption>
          <BarChart
            id="denials"
            title="Refusals by reason"
            summary={denials.rows
              .map((row) => `${STAGE_LABELS[row.stage]}, ${reasonLabel(row.reason)}: ${row.count}`)
              .join("; ")}
            bars={denials.rows.map((row) => ({
              label: `${STAGE_SHORT[row.stage]} · ${reasonLabel(row.reason)}`,
              value: row.count,
              note: count(row.count),
            }))}
          />
          <details className={styles.tableToggle}>
            <summary>Show as a table</summary>
            <table className={adminStyles.table}>
              <thead>
                <tr>
                  <th scope="col">Stage</th>
                  <th scope="col">Reason</th>
                  <th scope="col" className={styles.numeric}>
                    Refused
                  </th>
                </tr>
              </thead>
              <tbody>
                {denials.rows.map((row) => (
                  <tr key={`${row.stage}:${row.reason}`}>
                    <td>{STAGE_LABELS[row.stage]}</td>
                    <td>{reasonLabel(row.reason)}</td>
                    <td className={styles.numeric}>{count(row.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </figure>
      )}
    </section>
  );
}
