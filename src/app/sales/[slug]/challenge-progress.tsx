"use client";
// The visible side of a challenge being solved: a spinner, what is happening and the seconds it has
// taken so far. The ticking figure is for the eye only (a screen reader would otherwise hear it ten
// times a second); the live region says once that the check started.
import { useEffect, useState } from "react";
import { proofTime } from "~/lib/buy-flow/announcements";
import { Busy } from "./busy";

const TICK_MS = 100;

export function ChallengeProgress({ label }: { label: string }) {
  const [elapsedMs, setElapsedMs] = useState(0);
  useEffect(() => {
    const started = performance.now();
    const timer = window.setInterval(() => setElapsedMs(performance.now() - started), TICK_MS);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <Busy>
      <span data-testid="challenge-running">{label}</span>
      <span aria-hidden="true" data-testid="challenge-elapsed">
        {proofTime(elapsedMs)}
      </span>
    </Busy>
  );
}
