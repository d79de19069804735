// Read and manage what the server holds: /v2/messages (get, cancel), /v2/dlq (list, delete, retry)
// and /v2/flowControl (get, pause, resume), in the request and answer shapes the client uses.
import type { QStashContext } from "./context";
import { HttpError } from "./http-util";
import { createMessage } from "./publish";
import type { QueuedMessage } from "./types";
import { messageView } from "./views";

export interface RouteAnswer {
  status: number;
  body?: unknown;
}

const notFound = (what: string): never => {
  throw new HttpError(404, `${what} not found`);
};

function messageMatches(message: QueuedMessage, query: URLSearchParams): boolean {
  const anyOf = (name: string, value: string | undefined) => {
    const wanted = query.getAll(name);
    return wanted.length === 0 || (value !== undefined && wanted.includes(value));
  };
  const labels = query.getAll("label");
  return (
    anyOf("messageIds", message.messageId) &&
    anyOf("url", message.url) &&
    anyOf("host", new URL(message.url).host) &&
    anyOf("path", new URL(message.url).pathname) &&
    anyOf("flowControlKey", message.options.flowControl?.key) &&
    anyOf("scheduleId", message.scheduleId) &&
    (labels.length === 0 || message.options.labels.some((label) => labels.includes(label)))
  );
}

export function messagesRoute(
  context: QStashContext,
  method: string,
  id: string | undefined,
  query: URLSearchParams,
): RouteAnswer {
  const { dispatcher } = context;
  if (method === "GET" && id) {
    const message = dispatcher.get(id) ?? notFound(`message ${id}`);
    return { status: 200, body: messageView(message) };
  }
  if (method === "DELETE" && id) {
    if (!dispatcher.cancel(id)) notFound(`message ${id}`);
    return { status: 200, body: { cancelled: 1 } };
  }
  if (method === "DELETE") {
    const selected = dispatcher.all().filter((message) => messageMatches(message, query));
    const cancelled = selected.filter((message) => dispatcher.cancel(message.messageId)).length;
    return { status: 200, body: { cancelled } };
  }
  throw new HttpError(405, `${method} is not allowed on /v2/messages`);
}

/** A DLQ retry is a fresh message (new id, retry budget restored) with the original's URL, body and options. */
function retryFromDlq(context: QStashContext, dlqId: string): string | undefined {
  const entry = context.dlq.remove(dlqId);
  if (!entry) return undefined;
  const { message } = entry;
  const retry = createMessage({
    url: message.url,
    body: message.body,
    kind: message.kind,
    scheduleId: message.scheduleId,
    callerIp: message.callerIp,
    options: { ...message.options, notBefore: undefined, delayMs: 0 },
  });
  context.dispatcher.enqueue(retry);
  context.log(`${dlqId} retried from DLQ as ${retry.messageId} → ${retry.url}`);
  return retry.messageId;
}

export function dlqRoute(
  context: QStashContext,
  method: string,
  segments: string[],
  query: URLSearchParams,
): RouteAnswer {
  const { dlq } = context;
  const [id] = segments;
  if (method === "GET" && !id) {
    const { entries, cursor } = dlq.select(query);
    return { status: 200, body: { messages: entries.map((entry) => dlq.view(entry)), cursor } };
  }
  if (method === "GET" && id && segments.length === 1) {
    return { status: 200, body: dlq.view(dlq.get(id) ?? notFound(`DLQ message ${id}`)) };
  }
  if (method === "DELETE" && id) {
    if (!dlq.remove(id)) notFound(`DLQ message ${id}`);
    return { status: 200, body: { deleted: 1 } };
  }
  if (method === "DELETE") {
    const { entries, cursor } = dlq.select(query);
    for (const entry of entries) dlq.remove(entry.dlqId);
    return { status: 200, body: { deleted: entries.length, cursor } };
  }
  if (method === "POST" && id === "retry") {
    const { entries, cursor } = dlq.select(query);
    const responses = entries.map((entry) => ({ messageId: retryFromDlq(context, entry.dlqId)! }));
    return { status: 200, body: { responses, cursor } };
  }
  throw new HttpError(405, `${method} is not allowed on /v2/dlq/${segments.join("/")}`);
}

export function flowControlRoute(context: QStashContext, method: string, segments: string[]): RouteAnswer {
  const [key, action] = segments;
  if (!key) throw new HttpError(400, "flow control key missing");
  if (method === "GET" && !action) {
    return { status: 200, body: context.flowGate.info(key) ?? notFound(`flow control key ${key}`) };
  }
  if (method === "POST" && (action === "pause" || action === "resume")) {
    context.flowGate.setPaused(key, action === "pause");
    return { status: 200 };
  }
  throw new HttpError(405, `${method} /v2/flowControl/${segments.join("/")} is not supported by the local QStash`);
}
