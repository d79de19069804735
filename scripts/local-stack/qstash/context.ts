// What every route needs: the in-memory stores and the resolved options, built once per server.
import { DeduplicationWindow } from "./dedup";
import { Dispatcher } from "./delivery";
import { DeadLetterQueue } from "./dlq";
import { FlowGate } from "./flow-control";
import { ScheduleBook } from "./schedules";
import type { LocalQStashOptions, QueuedMessage } from "./types";

/** Retries when a publish sends no Upstash-Retries. */
export const DEFAULT_RETRIES = 3;
/** Delivery timeout when a publish sends no Upstash-Timeout (a cold Next dev route compiles slowly). */
const REQUEST_TIMEOUT_MS = 120_000;
/** How long a deduplication id is remembered (the hosted service keeps it for days). */
const DEDUPLICATION_WINDOW_MS = 10 * 60_000;

export interface QStashContext {
  token: string;
  dispatcher: Dispatcher;
  dlq: DeadLetterQueue;
  flowGate: FlowGate;
  dedup: DeduplicationWindow;
  schedules: ScheduleBook;
  counters: { published: number };
  log: (line: string) => void;
  /** Accepts a new message into the delivery loop. */
  publish(message: QueuedMessage): void;
}

export function createContext(options: LocalQStashOptions): QStashContext {
  const log = options.onLog ?? (() => {});
  const flowGate = new FlowGate();
  const dlq = new DeadLetterQueue();
  const dispatcher = new Dispatcher({
    signingKey: options.currentSigningKey,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 200,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    flowGate,
    dlq,
    log,
  });
  const counters = { published: 0 };
  const publish = (message: QueuedMessage) => {
    counters.published += 1;
    dispatcher.enqueue(message);
  };
  return {
    token: options.token,
    dispatcher,
    dlq,
    flowGate,
    dedup: new DeduplicationWindow(DEDUPLICATION_WINDOW_MS),
    schedules: new ScheduleBook(publish, log),
    counters,
    log,
    publish,
  };
}
