// What every route needs: the stores and the resolved options, built once per server. With a data
// directory the stores journal their changes and start from what the journal says is outstanding.
import { DeduplicationWindow } from "./dedup";
import { Dispatcher } from "./delivery";
import { DeadLetterQueue } from "./dlq";
import { FlowGate } from "./flow-control";
import { FlowControlLoad } from "./flow-control-load";
import { FileJournal, memoryOnlyJournal } from "./journal";
import { restoreRecovered } from "./recovery";
import { ScheduleBook } from "./schedules";
import type { LocalQStashOptions, LocalQStashStats, QueuedMessage } from "./types";

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
  flowLoad: FlowControlLoad;
  dedup: DeduplicationWindow;
  schedules: ScheduleBook;
  counters: { published: number; schedulesFired: number };
  log: (line: string) => void;
  /** Accepts a new message into the delivery loop. */
  publish(message: QueuedMessage): void;
  stats(): LocalQStashStats;
  /** Nothing is journaled after this (a no-op without a data directory). */
  closeJournal(): void;
}

export function createContext(options: LocalQStashOptions): QStashContext {
  const log = options.onLog ?? (() => {});
  const opened = options.dataDir === undefined ? undefined : FileJournal.open(options.dataDir);
  const journal = opened?.journal ?? memoryOnlyJournal;
  const flowGate = new FlowGate();
  const flowLoad = new FlowControlLoad();
  const dlq = new DeadLetterQueue(journal);
  const dispatcher = new Dispatcher({
    signingKey: options.currentSigningKey,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 200,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    flowGate,
    flowLoad,
    dlq,
    journal,
    log,
  });
  const counters = { published: 0, schedulesFired: 0 };
  const publish = (message: QueuedMessage) => {
    dispatcher.enqueue(message);
    counters.published += 1;
  };
  const fireSchedule = (message: QueuedMessage) => {
    publish(message);
    counters.schedulesFired += 1;
  };
  const context: QStashContext = {
    token: options.token,
    dispatcher,
    dlq,
    flowGate,
    flowLoad,
    dedup: new DeduplicationWindow(DEDUPLICATION_WINDOW_MS, journal),
    schedules: new ScheduleBook(fireSchedule, log, journal),
    counters,
    log,
    publish,
    stats: () => ({
      ...counters,
      ...dispatcher.counters,
      pending: dispatcher.pendingCount,
      due: dispatcher.dueCount,
      inFlight: dispatcher.inFlightCount,
    }),
    closeJournal: () => opened?.journal.close(),
  };
  if (opened) restoreRecovered(context, opened.recovered, options.dataDir!);
  return context;
}
