// /admin/sales/:id/fairness — one sale's fairness report: who entered and how, the draw and its
// checks, time to hold, where the units went, clusters that look automated, what was turned away;
// CSV and JSON downloads of the whole.
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClustersSection, DenialsSection } from "~/app/admin/_components/fairness/clusters-section";
import { DrawSection } from "~/app/admin/_components/fairness/draw-section";
import styles from "~/app/admin/_components/fairness/fairness.module.css";
import { SharesSection } from "~/app/admin/_components/fairness/shares-section";
import { WinnersSection } from "~/app/admin/_components/fairness/winners-section";
import { count } from "~/app/admin/_components/fairness/words";
import { ModeTag } from "~/app/admin/_components/mode-tag";
import { requireAdmin } from "~/app/admin/_lib/require-admin";
import adminStyles from "~/app/admin/admin.module.css";
import { formatDateTime } from "~/lib/date-format";
import { serverCaller } from "~/trpc/server";

export const metadata: Metadata = { title: "Fairness report" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export default async function FairnessPage({ params }: Props) {
  const { id } = await params;
  await requireAdmin(`/admin/sales/${id}/fairness`);
  const report = await (await serverCaller()).admin.fairness.report({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { sale, entrants, draw } = report;
  const automated = report.clusters.filter((cluster) => cluster.verdict === "AUTOMATED").length;
  const drawWinners = new Set(
    report.winners
      .filter((winner) => winner.holdKind === "RESERVATION" && winner.drawPosition !== null && winner.entryToken)
      .map((winner) => winner.entryToken!),
  );

  return (
    <>
      <div className={adminStyles.pageHead}>
        <div>
          <p className={adminStyles.kicker}>
            <Link href={`/admin/sales/${sale.id}`}>{sale.title}</Link>
          </p>
          <h1>Fairness report</h1>
        </div>
        <div className={styles.downloads}>
          <a href={`/admin/sales/${sale.id}/fairness.csv`} className={adminStyles.secondaryLink} download>
            Download CSV
          </a>
          <a href={`/admin/sales/${sale.id}/fairness.json`} className={adminStyles.secondaryLink} download>
            Download JSON
          </a>
        </div>
      </div>
      <p className={styles.lead}>
        <ModeTag mode={sale.openingMode} /> Starts{" "}
        <time dateTime={sale.startsAt.toISOString()}>{formatDateTime(sale.startsAt)}</time>
        {sale.lobbyOpensAt && (
          <>
            , lobby from <time dateTime={sale.lobbyOpensAt.toISOString()}>{formatDateTime(sale.lobbyOpensAt)}</time>
          </>
        )}
        ; {sale.ended ? "ended" : "not over yet: figures move while it runs"}.{" "}
        {report.source.redis
          ? "Read from the live store and the database."
          : "The live store no longer holds this sale: read from the database."}
        {report.source.entrantsFiled > 0 &&
          ` ${count(report.source.entrantsFiled)} entrants filed into the database now.`}
      </p>

      <ul className={styles.tiles} aria-label="Summary">
        <li className={styles.tile}>
          <span className={styles.tileValue}>{count(entrants.total)}</span>
          <span className={styles.tileLabel}>
            Entrants ({count(entrants.lobby)} in the lobby, {count(entrants.buy)} by buying)
          </span>
        </li>
        <li className={styles.tile}>
          <span className={styles.tileValue}>{count(report.winners.length)}</span>
          <span className={styles.tileLabel}>Given a hold, of {count(sale.totalStock)} units</span>
        </li>
        <li className={`${styles.tile} ${automated > 0 ? styles.tileAlert : ""}`}>
          <span className={styles.tileValue}>{count(automated)}</span>
          <span className={styles.tileLabel}>Clusters that look automated</span>
        </li>
        <li className={styles.tile}>
          <span className={styles.tileValue}>{count(report.denials.total)}</span>
          <span className={styles.tileLabel}>Turned away by challenges and limits</span>
        </li>
        <li className={styles.tile}>
          <span className={styles.tileValue}>{count(entrants.withBlock)}</span>
          <span className={styles.tileLabel}>Entrants with a known address block</span>
        </li>
      </ul>

      {draw && <DrawSection draw={draw} slug={sale.slug} ended={sale.ended} drawWinners={drawWinners} />}
      <WinnersSection report={report} />
      <SharesSection blocks={report.shares.blocks} devices={report.shares.devices} clusters={report.clusters} />
      <ClustersSection report={report} />
      <DenialsSection report={report} />
    </>
  );
}
