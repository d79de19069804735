"use client";
// The time left on a hold in My orders, on server time. When it runs out the page is read again
// (after a short grace for the expiry to land), so the row shows where the order ended up.
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { formatDuration } from "~/app/_components/format-duration";
import { useServerNow } from "~/lib/server-clock/use-server-clock";
import styles from "./orders.module.css";

const REFRESH_GRACE_MS = 3_000;

export function HoldTimeLeft({ expiresAt, renderedAt }: { expiresAt: number; renderedAt: number }) {
  const now = useServerNow(renderedAt, expiresAt);
  const leftMs = Math.max(0, expiresAt - now);
  const over = leftMs === 0;
  const router = useRouter();

  useEffect(() => {
    if (!over) return;
    const timer = window.setTimeout(() => router.refresh(), REFRESH_GRACE_MS);
    return () => window.clearTimeout(timer);
  }, [over, router]);

  if (over) return <strong>Time&apos;s up — checking where it stands…</strong>;
  const { clock, spoken } = formatDuration(leftMs);
  return (
    <strong role="timer" data-testid="hold-time-left">
      <span aria-hidden="true">{clock}</span>
      <span className={styles.srOnly}>{spoken}</span> left to pay.
    </strong>
  );
}
