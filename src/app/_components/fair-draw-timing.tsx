"use client";
// A fair-draw sale's card line before its start: when the lobby opens, then how long until the draw
// while it is open — switching on the moment, on server time.
import { useServerNow } from "~/lib/server-clock/use-server-clock";
import { formatDuration } from "./format-duration";
import styles from "./storefront.module.css";

export function FairDrawTiming({
  lobbyOpensAt,
  startsAt,
  renderedAt,
}: {
  lobbyOpensAt: number;
  startsAt: number;
  renderedAt: number;
}) {
  // The lobby opens whole minutes before the start, so ticks aligned to the start land on both.
  const now = useServerNow(renderedAt, startsAt);
  const lobbyOpen = now >= lobbyOpensAt;
  const { clock, spoken } = formatDuration((lobbyOpen ? startsAt : lobbyOpensAt) - now);
  return (
    <span data-testid="fair-draw-timing" data-lobby={lobbyOpen ? "open" : "soon"}>
      {lobbyOpen ? "Fair draw — lobby open · draw in " : "Fair draw — lobby opens in "}
      <span role="timer" className={styles.countdown}>
        <span aria-hidden="true">{clock}</span>
        <span className={styles.srOnly}>{spoken}</span>
      </span>
    </span>
  );
}
