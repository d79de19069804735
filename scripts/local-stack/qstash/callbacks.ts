// The failure callback is a new message QStash publishes to Upstash-Failure-Callback after a
// message's last failed attempt. The JSON body follows QStash's callback docs.
import { createMessage } from "./publish";
import type { AttemptResponse, CallbackTarget, QueuedMessage } from "./types";
import { deliveredHeaderRecord } from "./views";

export function callbackBody(source: QueuedMessage, response: AttemptResponse, dlqId: string) {
  return {
    status: response.status,
    header: response.headers,
    body: response.body.toString("base64"),
    retried: source.retried,
    maxRetries: source.options.retries,
    sourceMessageId: source.messageId,
    url: source.url,
    method: source.options.method,
    sourceHeader: deliveredHeaderRecord(source),
    sourceBody: source.body.toString("base64"),
    notBefore: source.dueAt,
    createdAt: source.createdAt,
    scheduleId: source.scheduleId ?? "",
    callerIP: source.callerIp,
    ...(response.error ? { error: response.error } : {}),
    dlqId,
  };
}

export function failureCallbackMessage(
  source: QueuedMessage,
  target: CallbackTarget,
  response: AttemptResponse,
  dlqId: string,
): QueuedMessage {
  return createMessage({
    url: target.url,
    kind: "failure-callback",
    body: Buffer.from(JSON.stringify(callbackBody(source, response, dlqId))),
    callerIp: source.callerIp,
    options: {
      method: target.method,
      contentType: "application/json",
      forwardHeaders: target.forwardHeaders,
      // "Callbacks use the retry setting from the original request" unless given their own.
      retries: target.retries ?? source.options.retries,
      timeoutMs: target.timeoutMs ?? source.options.timeoutMs,
      delayMs: 0,
      labels: source.options.labels,
    },
  });
}
