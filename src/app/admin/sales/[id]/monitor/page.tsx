// /admin/sales/:id/monitor — a running sale, live: stock over time, reservations and refusals per
// second, holds, the waitlist, reservation-to-saved lag, failed and dead-lettered deliveries,
// rate-limit and challenge denials, the ±10 units control and QStash's dead letters for the sale.
// The page renders once; from then on the figures come from polls (sale-monitor.tsx).
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LiveCountsProvider, LiveStatusBadge } from "~/app/admin/_components/live-counts";
import { liveCountsOf } from "~/app/admin/_components/live-initial";
import { ModeTag } from "~/app/admin/_components/mode-tag";
import { requireAdmin } from "~/app/admin/_lib/require-admin";
import adminStyles from "~/app/admin/admin.module.css";
import { serverCaller } from "~/trpc/server";
import { SaleMonitor } from "./sale-monitor";

export const metadata: Metadata = { title: "Live monitor" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export default async function SaleMonitorPage({ params }: Props) {
  const { id } = await params;
  await requireAdmin(`/admin/sales/${id}/monitor`);
  const caller = await serverCaller();
  const sale = await caller.admin.sale.byId({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  // The first figures render with the page; a failed read leaves them to the first poll.
  const snapshot = await caller.admin.monitor.snapshot({ saleId: id }).catch(() => null);
  const live = liveCountsOf(sale);

  return (
    <LiveCountsProvider initial={[live]}>
      <div className={adminStyles.pageHead}>
        <div className={adminStyles.saleMain}>
          <p className={adminStyles.kicker}>
            <Link href={`/admin/sales/${sale.id}`}>{sale.title}</Link>
          </p>
          <div className={adminStyles.badges}>
            <LiveStatusBadge initial={live} />
            <ModeTag mode={sale.openingMode} />
          </div>
          <h1>Live monitor</h1>
        </div>
        <div className={adminStyles.headFigures}>
          <Link href={`/admin/sales/${sale.id}/orders`} className={adminStyles.orderCount}>
            Orders
          </Link>
          <Link href={`/admin/sales/${sale.id}`} className={adminStyles.orderCount}>
            Edit sale
          </Link>
        </div>
      </div>
      <SaleMonitor initialCounts={live} initialSnapshot={snapshot} />
    </LiveCountsProvider>
  );
}
