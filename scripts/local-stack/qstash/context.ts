// What every route needs: the in-memory stores and the resolved options, built once per server.
import { DeduplicationWindow } from "./dedup";
import { Dispatcher } from "./delivery";
import { DeadLetterQueue } from "./dlq";
import { FlowGate } from "./flow-control";
import { ScheduleBook } from "./schedules";
import type { LocalQStashOptions, QueuedMessage } from "./types";

export interface QStashContext {
  token: string;
  defaultRetries: number;
  dispatcher: Dispatcher;
  dlq: DeadLetterQueue;
  flowGate: FlowGate;
  dedup: DeduplicationWindow;
  schedules: ScheduleBook;
  counters: { published: number; deduplicated: number };
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
    requestTimeoutMs: options.requestTimeoutMs ?? 120_000,
    flowGate,
    dlq,
    log,
  });
  const counters = { published: 0, deduplicated: 0 };
  const publish = (message: QueuedMessage) => {
    counters.published += 1;
    dispatcher.enqueue(message);
  };
  return {
    token: options.token,
    defaultRetries: options.defaultRetries ?? 3,
    dispatcher,
    dlq,
    flowGate,
    dedup: new DeduplicationWindow(options.deduplicationWindowMs ?? 10 * 60_000),
    schedules: new ScheduleBook(publish, log),
    counters,
    log,
    publish,
  };
}
