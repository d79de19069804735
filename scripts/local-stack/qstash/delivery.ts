// The delivery loop: holds each message until it is due, passes it through flow control, attempts it,
// and then retries with backoff, or dead-letters it and fires its failure callback. At least once,
// never inline with the publish request. Every change of a message's fate is journaled.
import { attemptDelivery, isNonRetryable, isSuccess } from "./attempt";
import { failureCallbackMessage } from "./callbacks";
import type { DeadLetterQueue } from "./dlq";
import type { FlowGate } from "./flow-control";
import type { FlowControlLoad } from "./flow-control-load";
import { newDlqId } from "./ids";
import type { JournalWriter } from "./journal";
import { messageFields } from "./journal-records";
import type { AttemptResponse, QueuedMessage } from "./types";

// setTimeout overflows past ~24.8 days; longer waits re-arm in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;
const MAX_LOCAL_BACKOFF_MS = 60_000;

// A cancel can land while an attempt is awaited; read the state afresh.
const isCancelled = (message: QueuedMessage) => message.state === "CANCELED";

export interface DeliveryCounters {
  deliveryAttempts: number;
  delivered: number;
  retried: number;
  deadLettered: number;
}

export interface DispatcherOptions {
  signingKey: string;
  retryBaseDelayMs: number;
  requestTimeoutMs: number;
  flowGate: FlowGate;
  flowLoad: FlowControlLoad;
  dlq: DeadLetterQueue;
  journal: JournalWriter;
  log: (line: string) => void;
}

export class Dispatcher {
  readonly counters: DeliveryCounters = { deliveryAttempts: 0, delivered: 0, retried: 0, deadLettered: 0 };
  private readonly pending = new Map<string, QueuedMessage>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly closing = new AbortController();

  constructor(private readonly options: DispatcherOptions) {}

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Pending messages whose time has come (not waiting for a not-before or delay in the future). */
  get dueCount(): number {
    const now = Date.now();
    let due = 0;
    for (const message of this.pending.values()) if (message.dueAt <= now) due += 1;
    return due;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Accepts a new message: journaled first, so a publish that cannot be recorded fails instead. */
  enqueue(message: QueuedMessage): void {
    // Thrown, not ignored: a publish racing a shutdown must not be acknowledged and then dropped.
    if (this.closing.signal.aborted) throw new Error("the local QStash is shutting down");
    this.options.journal.append({ t: "msg", ...messageFields(message) });
    this.admit(message);
  }

  /** Resumes a message recovered from the journal, with its id, due time and attempts so far. */
  restore(message: QueuedMessage): void {
    if (this.closing.signal.aborted) return;
    this.admit(message);
  }

  /** Stops further attempts; an attempt already in flight finishes but is neither retried nor called back. */
  cancel(messageId: string): boolean {
    const message = this.pending.get(messageId);
    if (!message) return false;
    message.state = "CANCELED";
    clearTimeout(this.timers.get(messageId));
    this.timers.delete(messageId);
    this.options.flowGate.withdraw(messageId);
    this.options.flowLoad.withdraw(message);
    this.pending.delete(messageId);
    this.options.journal.append({ t: "done", id: messageId });
    this.options.log(`${messageId} → ${message.url} cancelled`);
    return true;
  }

  /** Stops at once: timers dropped, in-flight attempts aborted; nothing they return is acted on. */
  abort(): void {
    this.closing.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  async close(): Promise<void> {
    this.abort();
    await Promise.allSettled([...this.inFlight]);
    this.pending.clear();
  }

  private admit(message: QueuedMessage): void {
    this.pending.set(message.messageId, message);
    this.options.flowLoad.accept(message);
    this.wakeAt(message, message.dueAt);
  }

  private wakeAt(message: QueuedMessage, dueAt: number): void {
    const wait = Math.max(0, dueAt - Date.now());
    const timer = setTimeout(
      () => {
        this.timers.delete(message.messageId);
        if (wait > MAX_TIMER_MS) this.wakeAt(message, dueAt);
        else this.options.flowGate.submit(message.options.flowControl, message.messageId, () => this.attempt(message));
      },
      Math.min(wait, MAX_TIMER_MS),
    );
    this.timers.set(message.messageId, timer);
  }

  private attempt(message: QueuedMessage): Promise<void> {
    if (this.closing.signal.aborted || message.state === "CANCELED") return Promise.resolve();
    this.counters.deliveryAttempts += 1;
    this.options.flowLoad.begin(message);
    // Only a failed journal write can throw here; the delivery loop must outlive it.
    const run = this.runAttempt(message).catch((error: unknown) =>
      this.options.log(`${message.messageId} bookkeeping failed: ${(error as Error).message}`),
    );
    this.inFlight.add(run);
    return run.finally(() => {
      this.inFlight.delete(run);
      this.options.flowLoad.end(message, this.pending.has(message.messageId));
    });
  }

  private async runAttempt(message: QueuedMessage): Promise<void> {
    message.state = "ACTIVE";
    const response = await attemptDelivery({
      message,
      signingKey: this.options.signingKey,
      timeoutMs: message.options.timeoutMs ?? this.options.requestTimeoutMs,
      closeSignal: this.closing.signal,
    });
    if (this.closing.signal.aborted || isCancelled(message)) return;

    const attemptLabel = `attempt=${message.retried + 1}/${message.options.retries + 1}`;
    const outcome = `${message.messageId} → ${message.options.method} ${message.url} status=${response.status} ${attemptLabel}`;
    const reason = response.error ? ` (${response.error})` : "";

    if (isSuccess(response)) {
      message.state = "DELIVERED";
      this.pending.delete(message.messageId);
      this.counters.delivered += 1;
      this.options.journal.append({ t: "done", id: message.messageId });
      this.options.log(`${outcome} delivered${this.describeKind(message)}`);
      return;
    }
    if (isNonRetryable(response) || message.retried >= message.options.retries) {
      this.deadLetter(message, response, `${outcome}${reason}`);
      return;
    }
    const delay = this.backoffMs(message);
    message.retried += 1;
    message.state = "RETRY";
    message.dueAt = Date.now() + delay;
    this.counters.retried += 1;
    this.wakeAt(message, message.dueAt);
    this.options.journal.append({ t: "retry", id: message.messageId, retried: message.retried, dueAt: message.dueAt });
    this.options.log(`${outcome}${reason} retry in ${delay}ms`);
  }

  private deadLetter(message: QueuedMessage, response: AttemptResponse, outcome: string): void {
    message.state = "FAILED";
    this.pending.delete(message.messageId);
    this.counters.deadLettered += 1;
    const dlqId = newDlqId();
    // The callback is journaled before the dead letter that finishes its source: a kill between
    // the two repeats the last attempt after a restart instead of losing the callback.
    if (message.kind === "message" && message.options.failureCallback) {
      this.enqueue(failureCallbackMessage(message, message.options.failureCallback, response, dlqId));
    }
    this.options.dlq.add(message, response, dlqId);
    const why = isNonRetryable(response) ? "non-retryable" : "retries exhausted";
    this.options.log(`${outcome} ${why}, moved to DLQ as ${dlqId}${this.describeKind(message)}`);
  }

  /** The hosted backoff, scaled down for local work (see LocalQStashOptions.retryBaseDelayMs). */
  private backoffMs(message: QueuedMessage): number {
    return Math.min(MAX_LOCAL_BACKOFF_MS, Math.round(this.options.retryBaseDelayMs * 2.5 ** message.retried));
  }

  private describeKind(message: QueuedMessage): string {
    return message.kind === "message" ? "" : ` [${message.kind}]`;
  }
}
