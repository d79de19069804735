// The delivery loop: holds each message until it is due, passes it through flow control, attempts it,
// and then retries with backoff, or dead-letters it and fires its failure callback. At least once,
// never inline with the publish request.
import { attemptDelivery, isNonRetryable, isSuccess } from "./attempt";
import { failureCallbackMessage } from "./callbacks";
import type { DeadLetterQueue } from "./dlq";
import type { FlowGate } from "./flow-control";
import type { AttemptResponse, QueuedMessage } from "./types";

// setTimeout overflows past ~24.8 days; longer waits re-arm in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;
const MAX_LOCAL_BACKOFF_MS = 60_000;

// A cancel can land while an attempt is awaited; read the state afresh.
const isCancelled = (message: QueuedMessage) => message.state === "CANCELED";

export interface DeliveryCounters {
  delivered: number;
  retried: number;
  deadLettered: number;
}

export interface DispatcherOptions {
  signingKey: string;
  retryBaseDelayMs: number;
  requestTimeoutMs: number;
  flowGate: FlowGate;
  dlq: DeadLetterQueue;
  log: (line: string) => void;
}

export class Dispatcher {
  readonly counters: DeliveryCounters = { delivered: 0, retried: 0, deadLettered: 0 };
  private readonly pending = new Map<string, QueuedMessage>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly closing = new AbortController();

  constructor(private readonly options: DispatcherOptions) {}

  get pendingCount(): number {
    return this.pending.size;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  enqueue(message: QueuedMessage): void {
    if (this.closing.signal.aborted) return;
    this.pending.set(message.messageId, message);
    this.wakeAt(message, message.dueAt);
  }

  /** Stops further attempts; an attempt already in flight finishes but is neither retried nor called back. */
  cancel(messageId: string): boolean {
    const message = this.pending.get(messageId);
    if (!message) return false;
    message.state = "CANCELED";
    clearTimeout(this.timers.get(messageId));
    this.timers.delete(messageId);
    this.options.flowGate.withdraw(messageId);
    this.pending.delete(messageId);
    this.options.log(`${messageId} → ${message.url} cancelled`);
    return true;
  }

  async close(): Promise<void> {
    this.closing.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
    this.pending.clear();
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
    const run = this.runAttempt(message);
    this.inFlight.add(run);
    return run.finally(() => this.inFlight.delete(run));
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
    this.options.log(`${outcome}${reason} retry in ${delay}ms`);
    this.wakeAt(message, message.dueAt);
  }

  private deadLetter(message: QueuedMessage, response: AttemptResponse, outcome: string): void {
    message.state = "FAILED";
    this.pending.delete(message.messageId);
    this.counters.deadLettered += 1;
    const entry = this.options.dlq.add(message, response);
    const why = isNonRetryable(response) ? "non-retryable" : "retries exhausted";
    this.options.log(`${outcome} ${why}, moved to DLQ as ${entry.dlqId}${this.describeKind(message)}`);
    if (message.kind === "message" && message.options.failureCallback) {
      this.enqueue(failureCallbackMessage(message, message.options.failureCallback, response, entry.dlqId));
    }
  }

  /** The hosted backoff, scaled down for local work (see LocalQStashOptions.retryBaseDelayMs). */
  private backoffMs(message: QueuedMessage): number {
    return Math.min(MAX_LOCAL_BACKOFF_MS, Math.round(this.options.retryBaseDelayMs * 2.5 ** message.retried));
  }

  private describeKind(message: QueuedMessage): string {
    return message.kind === "message" ? "" : ` [${message.kind}]`;
  }
}
