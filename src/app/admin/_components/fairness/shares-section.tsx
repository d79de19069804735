// Where the units went: per address block (a chart and a table) and per device (a table), each
// beside the share its entrants would have had if every entrant were equal.
import type { Cluster, ShareTable } from "~/server/fair-draw/report/types";
import adminStyles from "../../admin.module.css";
import { BarChart } from "./bar-chart";
import styles from "./fairness.module.css";
import { count, percent } from "./words";

const CHART_ROWS = 10;

function ShareRows(props: {
  id: string;
  caption: string;
  table: ShareTable;
  keyLabel: string;
  flagged: ReadonlySet<string>;
}) {
  const { table } = props;
  return (
    <div className={adminStyles.tableWrap} role="region" aria-labelledby={`${props.id}-caption`} tabIndex={0}>
      <table className={adminStyles.table}>
        <caption id={`${props.id}-caption`} className={adminStyles.caption}>
          {props.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{props.keyLabel}</th>
            <th scope="col" className={styles.numeric}>
              Entrants
            </th>
            <th scope="col" className={styles.numeric}>
              Units
            </th>
            <th scope="col" className={styles.numeric}>
              Share of units
            </th>
            <th scope="col" className={styles.numeric}>
              Share if all were equal
            </th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key}>
              <td className={styles.hex}>
                {row.key}
                {props.flagged.has(row.key) && <span className={styles.flag}>Flagged</span>}
              </td>
              <td className={styles.numeric}>{count(row.accounts)}</td>
              <td className={styles.numeric}>{count(row.units)}</td>
              <td className={styles.numeric}>{percent(row.share)}</td>
              <td className={styles.numeric}>{percent(row.expectedShare)}</td>
            </tr>
          ))}
          {table.rest.keys > 0 && (
            <tr>
              <td>{count(table.rest.keys)} more</td>
              <td className={styles.numeric}>{count(table.rest.accounts)}</td>
              <td className={styles.numeric}>{count(table.rest.units)}</td>
              <td className={styles.numeric}>{percent(table.rest.share)}</td>
              <td className={styles.numeric}>—</td>
            </tr>
          )}
          {(table.unknown.accounts > 0 || table.unknown.units > 0) && (
            <tr>
              <td>Not known</td>
              <td className={styles.numeric}>{count(table.unknown.accounts)}</td>
              <td className={styles.numeric}>{count(table.unknown.units)}</td>
              <td className={styles.numeric}>{percent(table.unknown.share)}</td>
              <td className={styles.numeric}>—</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

export function SharesSection(props: { blocks: ShareTable; devices: ShareTable; clusters: readonly Cluster[] }) {
  const flagged = (kind: Cluster["kind"]) =>
    new Set(
      props.clusters.filter((cluster) => cluster.kind === kind && cluster.verdict === "AUTOMATED").map((c) => c.key),
    );
  const flaggedBlocks = flagged("BLOCK");
  const bars = props.blocks.rows.slice(0, CHART_ROWS).filter((row) => row.units > 0);
  return (
    <section className={styles.section} aria-labelledby="shares-title">
      <h2 id="shares-title">Where the units went</h2>
      <p className={styles.lead}>
        Units given to each address block (IPv4 /24, IPv6 /64) and each device, beside the share its entrants would have
        had if every entrant were equal. A block far above its fair share is worth a look.
      </p>
      {props.blocks.totalUnits === 0 ? (
        <p className="empty-state">No units given yet.</p>
      ) : (
        <div className={styles.figures}>
          <figure className={styles.figure}>
            <figcaption>Units per address block (largest {bars.length})</figcaption>
            {bars.length > 0 ? (
              <BarChart
                id="units-per-block"
                title="Units per address block"
                summary={bars.map((row) => `${row.key}: ${row.units} units, ${percent(row.share)}`).join("; ")}
                bars={bars.map((row) => ({
                  label: row.key,
                  value: row.units,
                  note: `${count(row.units)} · ${percent(row.share)}`,
                  highlight: flaggedBlocks.has(row.key),
                }))}
              />
            ) : (
              <p className="muted">No winner came from a known address block.</p>
            )}
            <ShareRows
              id="block-shares"
              caption="Units per address block"
              keyLabel="Address block"
              table={props.blocks}
              flagged={flaggedBlocks}
            />
          </figure>
          <figure className={styles.figure}>
            <figcaption>Units per device</figcaption>
            <ShareRows
              id="device-shares"
              caption="Units per device"
              keyLabel="Device"
              table={props.devices}
              flagged={flagged("DEVICE")}
            />
          </figure>
        </div>
      )}
    </section>
  );
}
