// One delivery attempt: the HTTP request QStash makes to a destination, freshly signed, with the
// bookkeeping headers receivers rely on. Never throws: an unreachable destination is status 0.
import { signDelivery } from "./signing";
import type { AttemptResponse, QueuedMessage } from "./types";
import { responseHeaderRecord } from "./views";

// Headers the transport owns; forwarding them would corrupt the request.
const TRANSPORT_HEADERS = new Set(["host", "content-length", "connection", "transfer-encoding", "keep-alive"]);

export interface AttemptInput {
  message: QueuedMessage;
  signingKey: string;
  timeoutMs: number;
  /** Aborted when the server closes. */
  closeSignal: AbortSignal;
}

export function deliveryHeaders(message: QueuedMessage, signingKey: string): Headers {
  const headers = new Headers();
  if (message.options.contentType) headers.set("Content-Type", message.options.contentType);
  for (const [name, value] of Object.entries(message.options.forwardHeaders)) {
    if (!TRANSPORT_HEADERS.has(name)) headers.set(name, value);
  }
  headers.set("Upstash-Signature", signDelivery({ signingKey, url: message.url, body: message.body }));
  headers.set("Upstash-Message-Id", message.messageId);
  headers.set("Upstash-Retried", String(message.retried));
  headers.set("Upstash-Caller-Ip", message.callerIp);
  if (message.scheduleId) headers.set("Upstash-Schedule-Id", message.scheduleId);
  headers.set("User-Agent", "Upstash-QStash");
  return headers;
}

export async function attemptDelivery({
  message,
  signingKey,
  timeoutMs,
  closeSignal,
}: AttemptInput): Promise<AttemptResponse> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const withBody = message.options.method !== "GET" && message.options.method !== "HEAD";
  try {
    const response = await fetch(message.url, {
      method: message.options.method,
      headers: deliveryHeaders(message, signingKey),
      body: withBody ? new Uint8Array(message.body) : undefined,
      signal: AbortSignal.any([timeout, closeSignal]),
    });
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: responseHeaderRecord(response.headers), body };
  } catch (error) {
    const reason = timeout.aborted
      ? `timed out after ${timeoutMs}ms`
      : closeSignal.aborted
        ? "server closing"
        : describeNetworkError(error);
    return { status: 0, headers: {}, body: Buffer.alloc(0), error: reason };
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

export const isSuccess = (response: AttemptResponse) => response.status >= 200 && response.status < 300;

/** A 489 with Upstash-NonRetryable-Error: true tells QStash to stop retrying at once. */
export const isNonRetryable = (response: AttemptResponse) =>
  response.status === 489 && response.headers["Upstash-Nonretryable-Error"]?.[0]?.toLowerCase() === "true";
