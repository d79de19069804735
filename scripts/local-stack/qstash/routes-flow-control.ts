// GET /v2/flowControl/<key>: the FlowControlInfo that client.flowControl.get(key) returns. A key no
// message has used since the server started answers 404, as the hosted API documents. Pausing,
// pinning and resetting a key are refused rather than ignored: nothing here implements them.
import type { QStashContext } from "./context";
import { HttpError } from "./http-util";
import type { RouteAnswer } from "./routes-admin";

export function flowControlRoute(context: QStashContext, method: string, segments: string[]): RouteAnswer {
  const [key, action] = segments;
  if (method !== "GET" || !key || action !== undefined) {
    throw new HttpError(405, `${method} /v2/flowControl/${segments.join("/")} is not supported by the local QStash`);
  }
  const counts = context.flowLoad.counts(key);
  if (!counts) throw new HttpError(404, `flow control key ${key} not found`);
  const { settings } = counts;
  const window = context.flowGate.rateWindow(key);
  return {
    status: 200,
    body: {
      flowControlKey: key,
      // Locally this counts every unfinished message of the key that is not being delivered right
      // now — waiting for a slot, a delay or a retry — not only those held back by the limits.
      waitListSize: counts.waiting,
      parallelismMax: settings.parallelism ?? 0,
      parallelismCount: counts.active,
      rateMax: settings.rate ?? 0,
      rateCount: window.count,
      ratePeriod: settings.period,
      ratePeriodStart: Math.floor(window.start / 1000),
      isPaused: false,
      isPinnedParallelism: false,
      isPinnedRate: false,
    },
  };
}
