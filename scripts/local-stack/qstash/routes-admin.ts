// Manage what the server holds, in the request and answer shapes the client uses:
// DELETE /v2/messages/<id> (cancel a pending message) and /v2/dlq (list, delete, retry).
import type { QStashContext } from "./context";
import { HttpError } from "./http-util";
import { createMessage } from "./publish";

export interface RouteAnswer {
  status: number;
  body?: unknown;
}

const notFound = (what: string): never => {
  throw new HttpError(404, `${what} not found`);
};

export function messagesRoute(context: QStashContext, method: string, id: string | undefined): RouteAnswer {
  if (method === "DELETE" && id) {
    if (!context.dispatcher.cancel(id)) notFound(`message ${id}`);
    return { status: 200, body: { cancelled: 1 } };
  }
  throw new HttpError(405, `${method} /v2/messages${id ? `/${id}` : ""} is not supported by the local QStash`);
}

/**
 * A DLQ retry is a fresh message (new id, retry budget restored) with the original's URL, body and
 * options. It is accepted before the dead letter is removed, so a kill in between keeps both.
 */
function retryFromDlq(context: QStashContext, dlqId: string): string | undefined {
  const entry = context.dlq.get(dlqId);
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
  context.dlq.remove(dlqId);
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
  if (method === "DELETE" && id && segments.length === 1) {
    if (!dlq.remove(id)) notFound(`DLQ message ${id}`);
    return { status: 200, body: { deleted: 1 } };
  }
  if (method === "DELETE" && !id) {
    const { entries, cursor } = dlq.select(query);
    for (const entry of entries) dlq.remove(entry.dlqId);
    return { status: 200, body: { deleted: entries.length, cursor } };
  }
  if (method === "POST" && id === "retry" && segments.length === 1) {
    const { entries, cursor } = dlq.select(query);
    const responses = entries.map((entry) => ({ messageId: retryFromDlq(context, entry.dlqId)! }));
    return { status: 200, body: { responses, cursor } };
  }
  throw new HttpError(405, `${method} /v2/dlq/${segments.join("/")} is not supported by the local QStash`);
}
