// The dead-letter queue: messages whose last attempt failed, kept with the last response until they
// are deleted or retried. Selection understands the query the client sends for list/delete/retry.
// Additions and removals are journaled, so the admin view keeps its dead letters across a restart.
import { newDlqId } from "./ids";
import type { JournalWriter } from "./journal";
import { messageFields, messageFromFields, type DlqFields } from "./journal-records";
import type { AttemptResponse, QueuedMessage } from "./types";
import { dlqView } from "./views";

export interface DlqEntry {
  dlqId: string;
  sequence: number;
  message: QueuedMessage;
  response: AttemptResponse;
  deadAt: number;
}

const DEFAULT_PAGE = 100;

/** Filters the client can put in the query string (repeated keys mean "any of"). */
function matches(entry: DlqEntry, query: URLSearchParams): boolean {
  const { message, response } = entry;
  const anyOf = (name: string, value: string | undefined) => {
    const wanted = query.getAll(name);
    return wanted.length === 0 || (value !== undefined && wanted.includes(value));
  };
  const fromDate = Number(query.get("fromDate") ?? 0);
  const toDate = Number(query.get("toDate") ?? Number.POSITIVE_INFINITY);
  return (
    anyOf("dlqIds", entry.dlqId) &&
    anyOf("messageId", message.messageId) &&
    anyOf("url", message.url) &&
    anyOf("flowControlKey", message.options.flowControl?.key) &&
    anyOf("scheduleId", message.scheduleId) &&
    anyOf("callerIp", message.callerIp) &&
    anyOf("responseStatus", String(response.status)) &&
    // No URL groups or queues exist locally, so filtering by them matches nothing.
    anyOf("topicName", undefined) &&
    anyOf("queueName", undefined) &&
    (query.getAll("label").length === 0 ||
      message.options.labels.some((label) => query.getAll("label").includes(label))) &&
    entry.deadAt >= fromDate &&
    entry.deadAt <= toDate
  );
}

export class DeadLetterQueue {
  private readonly entries = new Map<string, DlqEntry>();
  private sequence = 0;

  constructor(private readonly journal: JournalWriter) {}

  add(message: QueuedMessage, response: AttemptResponse, dlqId = newDlqId()): DlqEntry {
    const entry = this.insert({ dlqId, message, response, deadAt: Date.now() });
    const { status, headers, error } = response;
    this.journal.append({
      t: "dlq",
      dlqId,
      deadAt: entry.deadAt,
      message: messageFields(message),
      response: { status, headers, body: response.body.toString("base64"), error },
    });
    return entry;
  }

  /** Re-adds an entry recovered from the journal, keeping its id and time of death. */
  restore(fields: DlqFields): void {
    const { status, headers, body, error } = fields.response;
    this.insert({
      dlqId: fields.dlqId,
      deadAt: fields.deadAt,
      message: { ...messageFromFields(fields.message), state: "FAILED" },
      response: { status, headers, body: Buffer.from(body, "base64"), error },
    });
  }

  get(dlqId: string): DlqEntry | undefined {
    return this.entries.get(dlqId);
  }

  remove(dlqId: string): DlqEntry | undefined {
    const entry = this.entries.get(dlqId);
    if (!entry) return undefined;
    this.entries.delete(dlqId);
    this.journal.append({ t: "dlq-del", dlqId });
    return entry;
  }

  /** One page of matching entries, oldest first; `cursor` is set when more remain. */
  select(query: URLSearchParams): { entries: DlqEntry[]; cursor?: string } {
    const after = Number(query.get("cursor") ?? 0) || 0;
    const count = Math.max(1, Math.min(Number(query.get("count")) || DEFAULT_PAGE, 1000));
    const matching = [...this.entries.values()].filter((entry) => entry.sequence > after && matches(entry, query));
    const page = matching.slice(0, count);
    const last = page.at(-1);
    return { entries: page, cursor: matching.length > count && last ? String(last.sequence) : undefined };
  }

  view(entry: DlqEntry) {
    return dlqView(entry.dlqId, entry.message, entry.response);
  }

  private insert(fields: Omit<DlqEntry, "sequence">): DlqEntry {
    const entry: DlqEntry = { ...fields, sequence: ++this.sequence };
    this.entries.set(entry.dlqId, entry);
    return entry;
  }
}
