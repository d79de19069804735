// JSON shapes the client reads back (the /v2/dlq list): field names follow the client's Message and
// DlqMessage types; header names are canonicalised as the hosted service (Go) prints them.
import type { AttemptResponse, QueuedMessage } from "./types";

export function canonicalHeaderName(name: string): string {
  return name
    .toLowerCase()
    .split("-")
    .map((part) => (part ? part[0]!.toUpperCase() + part.slice(1) : part))
    .join("-");
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** `body` when the bytes are valid UTF-8, otherwise `bodyBase64` — the rule QStash documents. */
export function bodyFields(body: Buffer, prefix = "body"): Record<string, string> {
  if (body.length === 0) return {};
  try {
    return { [prefix]: strictUtf8.decode(body) };
  } catch {
    return { [`${prefix}Base64`]: body.toString("base64") };
  }
}

/** Headers a delivery carries besides the signature/bookkeeping ones, as Record<name, values[]>. */
export function deliveredHeaderRecord(message: QueuedMessage): Record<string, string[]> {
  const record: Record<string, string[]> = {};
  if (message.options.contentType) record["Content-Type"] = [message.options.contentType];
  for (const [name, value] of Object.entries(message.options.forwardHeaders))
    record[canonicalHeaderName(name)] = [value];
  return record;
}

function messageView(message: QueuedMessage) {
  const { options } = message;
  const flow = options.flowControl;
  return {
    messageId: message.messageId,
    url: message.url,
    method: options.method,
    header: deliveredHeaderRecord(message),
    ...bodyFields(message.body),
    maxRetries: options.retries,
    retried: message.retried,
    notBefore: message.dueAt,
    createdAt: message.createdAt,
    failureCallback: options.failureCallback?.url,
    scheduleId: message.scheduleId,
    callerIp: message.callerIp,
    flowControlKey: flow?.key,
    parallelism: flow?.parallelism,
    rate: flow?.rate,
    period: flow ? flow.period : undefined,
    label: options.labels[0],
    labels: options.labels.length > 0 ? options.labels : undefined,
    state: message.state,
  };
}

export function responseHeaderRecord(headers: Headers): Record<string, string[]> {
  const record: Record<string, string[]> = {};
  headers.forEach((value, name) => {
    (record[canonicalHeaderName(name)] ??= []).push(value);
  });
  return record;
}

export function dlqView(dlqId: string, message: QueuedMessage, response: AttemptResponse) {
  return {
    ...messageView(message),
    dlqId,
    responseStatus: response.status,
    responseHeader: response.headers,
    ...bodyFields(response.body, "responseBody"),
    ...(response.error ? { error: response.error } : {}),
  };
}
