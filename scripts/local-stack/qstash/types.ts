// Shared shapes of the local QStash: the options it starts with and the messages it holds.

export interface LocalQStashOptions {
  token: string;
  currentSigningKey: string;
  nextSigningKey: string;
  /** Defaults to a free port. An explicit port that is taken raises PortInUseError. */
  port?: number;
  /**
   * First retry delay; each later retry waits 2.5× the previous one (production waits
   * min(86400, e^(2.5n)) seconds, far too long for local work). Default 200 → 0.2s, 0.5s, 1.25s…
   */
  retryBaseDelayMs?: number;
  /**
   * Where the append-only journal lives (created if missing). With it, accepted messages, the DLQ,
   * deduplication ids and schedules survive a restart, as they do in hosted QStash; without it the
   * server is memory-only.
   */
  dataDir?: string;
  onLog?: (line: string) => void;
}

/**
 * What the benchmark reads to price a sale and to wait until deliveries have settled. Counters
 * start at zero with each server process (a restart does not replay them).
 */
export interface LocalQStashStats {
  /** Messages accepted by publish, plus messages fired by schedules. */
  published: number;
  /** HTTP requests made to destinations (first attempts, retries and failure callbacks). */
  deliveryAttempts: number;
  delivered: number;
  retried: number;
  deadLettered: number;
  schedulesFired: number;
  /** Messages accepted and not yet finished, in flight included. */
  pending: number;
  /** Of those, the ones whose time has come: not held back by a not-before or delay in the future. */
  due: number;
  inFlight: number;
}

export interface RunningLocalQStash {
  url: string;
  port: number;
  /** Counters for tests and the benchmark; never contains credentials. */
  stats(): LocalQStashStats;
  /** Stops delivering, waits for in-flight attempts to be aborted, and closes the port. */
  close(): Promise<void>;
  /**
   * Stops at once, as a killed process would: sockets are destroyed, timers dropped and nothing is
   * written after this call beyond what the journal already holds. Resolves when the port is free,
   * so a test can start a new server on the same port and dataDir.
   */
  kill(): Promise<void>;
}

export interface FlowControlSettings {
  key: string;
  parallelism?: number;
  rate?: number;
  /** Rate window in seconds (default 1). */
  period: number;
}

/** Where the failure callback goes, with its own forwarded headers. */
export interface CallbackTarget {
  url: string;
  method: string;
  forwardHeaders: Record<string, string>;
  retries?: number;
  timeoutMs?: number;
}

/** Everything a publish (or a schedule) says about how to deliver, independent of one delivery. */
export interface DeliveryOptions {
  method: string;
  contentType?: string;
  /** Lower-case header name → value, delivered as-is (the `Upstash-Forward-` prefix already removed). */
  forwardHeaders: Record<string, string>;
  retries: number;
  timeoutMs?: number;
  delayMs: number;
  /** Unix milliseconds; wins over delayMs when both are given. */
  notBefore?: number;
  deduplicationId?: string;
  failureCallback?: CallbackTarget;
  flowControl?: FlowControlSettings;
  labels: string[];
}

export type MessageKind = "message" | "failure-callback";
export type MessageState = "CREATED" | "ACTIVE" | "RETRY" | "DELIVERED" | "FAILED" | "CANCELED";

export interface QueuedMessage {
  messageId: string;
  kind: MessageKind;
  url: string;
  body: Buffer;
  options: DeliveryOptions;
  createdAt: number;
  /** Unix ms of the next attempt. */
  dueAt: number;
  /** Failed attempts so far; sent as Upstash-Retried. */
  retried: number;
  state: MessageState;
  scheduleId?: string;
  callerIp: string;
}

/** What the destination answered on the last attempt (status 0 when it could not be reached). */
export interface AttemptResponse {
  status: number;
  headers: Record<string, string[]>;
  body: Buffer;
  error?: string;
}
