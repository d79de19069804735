"use client";
// A ticking countdown on server time (see src/lib/server-clock), for cards and banners.
import { useServerNow } from "~/lib/server-clock/use-server-clock";
import { formatDuration } from "./format-duration";
import styles from "./storefront.module.css";

export function Countdown({ target, renderedAt }: { target: number; renderedAt: number }) {
  const now = useServerNow(renderedAt, target);
  const { clock, spoken } = formatDuration(target - now);
  return (
    <span role="timer" className={styles.countdown}>
      <span aria-hidden="true">{clock}</span>
      <span className={styles.srOnly}>{spoken}</span>
    </span>
  );
}
