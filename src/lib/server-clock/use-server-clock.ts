"use client";
// One server clock per browser tab, shared by every countdown on the page: synced when the first
// component needs it, again every minute, and whenever the tab comes back into view (a laptop
// that slept may have a different offset). Nothing here runs during server rendering.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { createServerClock, type ServerClock } from "./server-clock";

const RESYNC_INTERVAL_MS = 60_000;
const MIN_TICK_MS = 4;

let sharedClock: ServerClock | null = null;
let users = 0;
let stopAutoSync: (() => void) | null = null;

/** Epoch-scaled performance.now(): it never jumps when someone changes the computer's clock. */
function monotonicEpochClock(): () => number {
  const origin = Date.now() - performance.now();
  return () => origin + performance.now();
}

function startAutoSync(clock: ServerClock): () => void {
  const sync = () => void clock.sync();
  const onVisible = () => {
    if (document.visibilityState === "visible") sync();
  };
  sync();
  const timer = window.setInterval(sync, RESYNC_INTERVAL_MS);
  document.addEventListener("visibilitychange", onVisible);
  window.addEventListener("online", sync);
  return () => {
    window.clearInterval(timer);
    document.removeEventListener("visibilitychange", onVisible);
    window.removeEventListener("online", sync);
  };
}

/** Takes a share of the tab's clock (creating and syncing it for the first user); returns the release. */
function acquireClock(fetchServerTime: () => Promise<number>, renderedServerTime: number): () => void {
  sharedClock ??= createServerClock({ fetchServerTime, localNow: monotonicEpochClock() });
  sharedClock.seed(renderedServerTime);
  if (users++ === 0) stopAutoSync = startAutoSync(sharedClock);
  return () => {
    if (--users > 0) return;
    stopAutoSync?.();
    stopAutoSync = null;
  };
}

/**
 * Keeps the tab's clock alive while the component is mounted, seeded with a time the server
 * rendered into the page, and returns a reader for the server's time right now (for stamping
 * events; use useServerNow to render time).
 */
export function useServerClock(renderedServerTime: number): () => number {
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  useEffect(
    () =>
      acquireClock(
        // staleTime 0: every sample is a fresh round trip, never a cached answer.
        async () => (await queryClient.fetchQuery({ ...trpc.sale.serverTime.queryOptions(), staleTime: 0 })).now,
        renderedServerTime,
      ),
    [trpc, queryClient, renderedServerTime],
  );

  return useCallback(() => sharedClock?.now() ?? Date.now(), []);
}

/**
 * Server time, re-rendering once a second. Ticks are phased to `alignTo` (a start, an end, a retry
 * time) so a countdown to it changes digit exactly on the second and lands on the moment itself.
 * Renders `renderedServerTime` until mounted, so server and client markup agree.
 */
export function useServerNow(renderedServerTime: number, alignTo?: number): number {
  useServerClock(renderedServerTime);
  const [now, setNow] = useState(renderedServerTime);

  useEffect(() => {
    const clock = sharedClock;
    if (!clock) return;
    let timer: number | undefined;
    const tick = () => {
      const current = clock.now();
      setNow(current);
      const phase = ((((alignTo ?? 0) - current) % 1000) + 1000) % 1000;
      timer = window.setTimeout(tick, Math.max(MIN_TICK_MS, phase === 0 ? 1000 : phase));
    };
    timer = window.setTimeout(tick, 0);
    const unsubscribe = clock.subscribe(() => {
      window.clearTimeout(timer);
      tick();
    });
    return () => {
      window.clearTimeout(timer);
      unsubscribe();
    };
  }, [alignTo]);

  return now;
}
