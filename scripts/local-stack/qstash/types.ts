// Shared shapes of the local QStash: the options it starts with and the messages it holds in memory.

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
  onLog?: (line: string) => void;
}

/** What the benchmark reads to count order deliveries and to wait until they have settled. */
export interface LocalQStashStats {
  published: number;
  delivered: number;
  retried: number;
  deadLettered: number;
  pending: number;
  inFlight: number;
}

export interface RunningLocalQStash {
  url: string;
  port: number;
  /** Counters for tests and the benchmark; never contains credentials. */
  stats(): LocalQStashStats;
  close(): Promise<void>;
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
