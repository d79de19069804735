// A closed loop: `concurrency` workers, each sending its next request as soon as the last answered,
// until every request has been sent once. Records each request's latency and outcome.
import type { LoadResult } from "./protocol";

export interface Attempt {
  outcome: string;
  /** Set for answers worth showing in the log (errors). */
  detail?: string;
}

const MAX_ERROR_SAMPLES = 5;

export async function runClosedLoop(
  requests: number,
  concurrency: number,
  send: (index: number) => Promise<Attempt>,
): Promise<LoadResult> {
  const latencies = new Float64Array(requests);
  const outcomes: Record<string, number> = {};
  const errorSamples = new Set<string>();
  let lastReservedAt: number | null = null;
  let next = 0;

  const worker = async () => {
    for (let index = next++; index < requests; index = next++) {
      const started = performance.now();
      let attempt: Attempt;
      try {
        attempt = await send(index);
      } catch (error) {
        attempt = { outcome: "NETWORK_ERROR", detail: error instanceof Error ? error.message : String(error) };
      }
      latencies[index] = performance.now() - started;
      outcomes[attempt.outcome] = (outcomes[attempt.outcome] ?? 0) + 1;
      if (attempt.outcome === "RESERVED") lastReservedAt = Date.now();
      if (attempt.detail && errorSamples.size < MAX_ERROR_SAMPLES)
        errorSamples.add(`${attempt.outcome}: ${attempt.detail}`);
    }
  };

  const startedAt = Date.now();
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  return {
    startedAt,
    elapsedMs: performance.now() - started,
    latenciesMs: Array.from(latencies),
    outcomes,
    lastReservedAt,
    errorSamples: [...errorSamples],
  };
}
