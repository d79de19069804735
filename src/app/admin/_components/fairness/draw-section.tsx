// The draw: its commitment, its seed once the sale has ended, the checks that anyone can repeat
// with the public record, and the head of the drawn order.
import Link from "next/link";
import { formatDateTime } from "~/lib/date-format";
import type { DrawSection as Draw } from "~/server/fair-draw/report/types";
import adminStyles from "../../admin.module.css";
import styles from "./fairness.module.css";
import { count } from "./words";

const ORDER_SHOWN = 50;

type Verdict = boolean | null;

function Check({ verdict, pass, fail, wait }: { verdict: Verdict; pass: string; fail: string; wait: string }) {
  const state = verdict === null ? "wait" : verdict ? "pass" : "fail";
  const mark = { pass: "✓", fail: "✗", wait: "…" }[state];
  const words = { pass, fail, wait }[state];
  const className = { pass: styles.checkPass, fail: styles.checkFail, wait: styles.checkWait }[state];
  return (
    <li className={`${styles.check} ${className}`} data-check={state}>
      <span className={styles.checkMark} aria-hidden="true">
        {mark}
      </span>
      <span>
        <span className={adminStyles.visuallyHidden}>
          {{ pass: "Passed: ", fail: "Failed: ", wait: "Not yet: " }[state]}
        </span>
        {words}
      </span>
    </li>
  );
}

export function DrawSection({
  draw,
  slug,
  ended,
  drawWinners,
}: {
  draw: Draw;
  slug: string;
  ended: boolean;
  drawWinners: ReadonlySet<string>;
}) {
  const placed = draw.order.length;
  return (
    <section className={styles.section} aria-labelledby="draw-title">
      <h2 id="draw-title">The draw</h2>
      <dl className={styles.facts}>
        <dt>Commitment</dt>
        <dd className={styles.hex}>{draw.commitment}</dd>
        <dt>Seed</dt>
        <dd className={draw.seed ? styles.hex : undefined}>
          {draw.seed ?? "Kept secret until the sale has ended, then published here and in the public record."}
        </dd>
        <dt>Drawn</dt>
        <dd>
          {draw.drawnAt ? (
            <>
              <time dateTime={draw.drawnAt.toISOString()}>{formatDateTime(draw.drawnAt, { seconds: true })}</time>
              {draw.drawEntrants !== null && `, among ${count(draw.drawEntrants)} in the lobby`}
            </>
          ) : (
            "Not yet: the draw runs at the start."
          )}
        </dd>
        <dt>Public record</dt>
        <dd>
          <Link href={`/api/sales/${slug}/draw`}>/api/sales/{slug}/draw</Link>
        </dd>
      </dl>
      <ul className={styles.checks} aria-label="Checks">
        <Check
          verdict={draw.seedMatchesCommitment}
          pass="sha256(seed) equals the commitment: the seed was fixed before anyone entered."
          fail="sha256(seed) does not equal the commitment."
          wait={
            ended
              ? "The sale has no seed to check."
              : "The seed is checked against its commitment once the sale has ended."
          }
        />
        <Check
          verdict={draw.tokensMatch}
          pass="Every entry token is sha1(commitment|account)."
          fail="Some entry tokens are not sha1(commitment|account)."
          wait="No entrant's place is recorded yet."
        />
        <Check
          verdict={draw.rederived?.matches ?? null}
          pass={`Sorting the ${count(placed)} tokens by sha1(seed|token) gives exactly the recorded positions.`}
          fail={`Re-deriving the order from the seed differs from the record at position ${draw.rederived?.firstMismatch ?? "?"}.`}
          wait="The order is re-derived once the draw is recorded."
        />
        <Check
          verdict={draw.winnersAreFirst}
          pass="The draw's holds went to the first positions, nobody skipped."
          fail="The draw's holds did not go to the first positions in order."
          wait="Nothing to compare until the draw is recorded."
        />
      </ul>
      {placed > 0 && (
        <details className={styles.tableToggle}>
          <summary>
            Drawn order{placed > ORDER_SHOWN ? ` (first ${ORDER_SHOWN} of ${count(placed)}; all in the downloads)` : ""}
          </summary>
          <div className={adminStyles.tableWrap} role="region" aria-labelledby="draw-order-caption" tabIndex={0}>
            <table className={adminStyles.table}>
              <caption id="draw-order-caption" className={adminStyles.caption}>
                Entry tokens by drawn position
              </caption>
              <thead>
                <tr>
                  <th scope="col">Position</th>
                  <th scope="col">Entry token</th>
                  <th scope="col">Given a hold by the draw</th>
                </tr>
              </thead>
              <tbody>
                {draw.order.slice(0, ORDER_SHOWN).map((row) => (
                  <tr key={row.position}>
                    <td className={styles.numeric}>{row.position}</td>
                    <td className={styles.hex}>{row.entryToken}</td>
                    <td>{drawWinners.has(row.entryToken) ? "Yes" : "No"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}
