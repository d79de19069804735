// Reads a publish request (URL tail + headers) into delivery options, validating each Upstash-* header
// the client can send; malformed values answer 400 like the hosted service instead of being ignored,
// and so do options this server does not implement.
import type { IncomingHttpHeaders } from "node:http";
import { parseDuration } from "./durations";
import { parseFlowControlValue } from "./flow-control";
import { newMessageId } from "./ids";
import type { CallbackTarget, DeliveryOptions, MessageKind, QueuedMessage } from "./types";

/** Lower-case header name → value. */
export type HeaderBag = Map<string, string>;

export function headerBag(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>): HeaderBag {
  const bag: HeaderBag = new Map();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) bag.set(name.toLowerCase(), Array.isArray(value) ? value.join(", ") : value);
  }
  return bag;
}

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]);
const MAX_RETRIES = 100;

/** Client options the app does not use and this server does not implement: refused, never silently ignored. */
const UNSUPPORTED_HEADERS = ["Upstash-Callback", "Upstash-Retry-Delay", "Upstash-Content-Based-Deduplication"];

/**
 * The destination is appended to /v2/publish/ as-is; tolerate an encoded or slash-collapsed scheme.
 * Returns the URL text unnormalised, because it becomes the signature's `sub`, which receivers
 * compare with the exact URL they published to.
 */
export function parseDestination(raw: string): string | undefined {
  let text = raw;
  if (/^https?%3A/i.test(text)) text = decodeURIComponent(text);
  text = text.replace(/^(https?):\/(?!\/)/i, "$1://");
  try {
    const { protocol } = new URL(text);
    return protocol === "http:" || protocol === "https:" ? text : undefined;
  } catch {
    return undefined;
  }
}

function prefixed(headers: HeaderBag, prefix: string): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (name.startsWith(prefix) && name.length > prefix.length) picked[name.slice(prefix.length)] = value;
  }
  return picked;
}

function parseCount(text: string | undefined, label: string): number | undefined | string {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) > MAX_RETRIES) return `invalid ${label}: "${text}"`;
  return Number(text);
}

function parseFailureCallback(headers: HeaderBag): CallbackTarget | string | undefined {
  const raw = headers.get("upstash-failure-callback");
  if (raw === undefined) return undefined;
  const url = parseDestination(raw);
  if (!url) return `invalid failure-callback url: "${raw}"`;
  const method = (headers.get("upstash-failure-callback-method") ?? "POST").toUpperCase();
  if (!METHODS.has(method)) return `invalid failure-callback method: "${method}"`;
  const retries = parseCount(headers.get("upstash-failure-callback-retries"), "failure-callback retries");
  if (typeof retries === "string") return retries;
  const timeoutText = headers.get("upstash-failure-callback-timeout");
  const timeoutMs = timeoutText === undefined ? undefined : parseDuration(timeoutText);
  if (timeoutText !== undefined && !timeoutMs) return `invalid failure-callback timeout: "${timeoutText}"`;
  return { url, method, forwardHeaders: prefixed(headers, "upstash-failure-callback-forward-"), retries, timeoutMs };
}

/** Delivery options from publish headers, or the error text for a 400 answer. */
export function parseDeliveryOptions(headers: HeaderBag, defaultRetries: number): DeliveryOptions | string {
  const unsupported = UNSUPPORTED_HEADERS.find((name) => headers.has(name.toLowerCase()));
  if (unsupported) return `${unsupported} is not supported by the local QStash`;

  const method = (headers.get("upstash-method") ?? "POST").toUpperCase();
  if (!METHODS.has(method)) return `invalid Upstash-Method: "${method}"`;

  const retries = parseCount(headers.get("upstash-retries"), "Upstash-Retries") ?? defaultRetries;
  if (typeof retries === "string") return retries;

  const durations: Record<string, number | undefined> = {};
  for (const name of ["delay", "timeout"]) {
    const text = headers.get(`upstash-${name}`);
    if (text === undefined) continue;
    durations[name] = parseDuration(text);
    if (durations[name] === undefined) return `invalid Upstash-${name}: "${text}"`;
  }

  const notBeforeText = headers.get("upstash-not-before");
  if (notBeforeText !== undefined && !/^\d+$/.test(notBeforeText.trim())) {
    return `invalid Upstash-Not-Before: "${notBeforeText}" (unix seconds)`;
  }

  const failureCallback = parseFailureCallback(headers);
  if (typeof failureCallback === "string") return failureCallback;

  const flowKey = headers.get("upstash-flow-control-key");
  const flowValue = headers.get("upstash-flow-control-value");
  const flowControl = flowKey ? parseFlowControlValue(flowKey, flowValue ?? "") : undefined;
  if (typeof flowControl === "string") return flowControl;

  return {
    method,
    contentType: headers.get("content-type"),
    forwardHeaders: prefixed(headers, "upstash-forward-"),
    retries,
    timeoutMs: durations.timeout || undefined,
    delayMs: durations.delay ?? 0,
    notBefore: notBeforeText === undefined ? undefined : Number(notBeforeText) * 1000,
    deduplicationId: headers.get("upstash-deduplication-id"),
    failureCallback,
    flowControl,
    labels: (headers.get("upstash-label") ?? "")
      .split(",")
      .map((label) => label.trim())
      .filter(Boolean),
  };
}

export interface NewMessage {
  url: string;
  body: Buffer;
  options: DeliveryOptions;
  kind?: MessageKind;
  scheduleId?: string;
  callerIp?: string;
  now?: number;
}

export function createMessage({
  url,
  body,
  options,
  kind = "message",
  scheduleId,
  callerIp,
  now = Date.now(),
}: NewMessage): QueuedMessage {
  return {
    messageId: newMessageId(),
    kind,
    url,
    body,
    options,
    createdAt: now,
    dueAt: options.notBefore ?? now + options.delayMs,
    retried: 0,
    state: "CREATED",
    scheduleId,
    callerIp: callerIp ?? "127.0.0.1",
  };
}
