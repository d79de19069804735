// The journal's line format and how a sequence of lines folds back into what was outstanding when
// the previous server stopped. One JSON object per line; `t` names the state change. Bodies travel
// as base64 so any bytes survive. See README.md ("Durability") for the full list.
import type { DeliveryOptions, MessageKind, QueuedMessage } from "./types";

export const JOURNAL_VERSION = 1;

/** A message as stored: everything needed to deliver it again with its original id and budget. */
export interface MessageFields {
  id: string;
  kind: MessageKind;
  url: string;
  body: string;
  options: DeliveryOptions;
  createdAt: number;
  dueAt: number;
  retried: number;
  scheduleId?: string;
  callerIp: string;
}

export interface ResponseFields {
  status: number;
  headers: Record<string, string[]>;
  body: string;
  error?: string;
}

export interface ScheduleFields {
  id: string;
  cron: string;
  destination: string;
  body: string;
  options: DeliveryOptions;
  callerIp: string;
  createdAt: number;
  paused: boolean;
}

export interface DlqFields {
  dlqId: string;
  deadAt: number;
  message: MessageFields;
  response: ResponseFields;
}

export type JournalRecord =
  | { t: "journal"; version: number }
  /** Accepted (published, fired by a schedule, a failure callback, or retried from the DLQ). */
  | ({ t: "msg" } & MessageFields)
  /** An attempt failed and another is due. */
  | { t: "retry"; id: string; retried: number; dueAt: number }
  /** Delivered or cancelled. */
  | { t: "done"; id: string }
  /** Dead-lettered: finishes the message and adds the DLQ entry. */
  | ({ t: "dlq" } & DlqFields)
  | { t: "dlq-del"; dlqId: string }
  | { t: "dedup"; key: string; id: string; expiresAt: number }
  /** Created, replaced, paused or resumed: always the whole schedule. */
  | ({ t: "sched" } & ScheduleFields)
  | { t: "sched-del"; id: string };

export interface DedupFields {
  key: string;
  id: string;
  expiresAt: number;
}

/** What a journal says is still outstanding, in the order it happened. */
export interface RecoveredState {
  messages: MessageFields[];
  dlq: DlqFields[];
  dedup: DedupFields[];
  schedules: ScheduleFields[];
  /** Lines that could not be read (a write cut short by a killed process). */
  skippedLines: number;
}

export function messageFields(message: QueuedMessage): MessageFields {
  return {
    id: message.messageId,
    kind: message.kind,
    url: message.url,
    body: message.body.toString("base64"),
    options: message.options,
    createdAt: message.createdAt,
    dueAt: message.dueAt,
    retried: message.retried,
    scheduleId: message.scheduleId,
    callerIp: message.callerIp,
  };
}

export function messageFromFields(fields: MessageFields): QueuedMessage {
  return {
    messageId: fields.id,
    kind: fields.kind,
    url: fields.url,
    body: Buffer.from(fields.body, "base64"),
    options: fields.options,
    createdAt: fields.createdAt,
    dueAt: fields.dueAt,
    retried: fields.retried,
    state: fields.retried > 0 ? "RETRY" : "CREATED",
    scheduleId: fields.scheduleId,
    callerIp: fields.callerIp,
  };
}

/** Folds journal lines into the outstanding state. Throws on a journal written by another version. */
export function foldJournal(lines: Iterable<string>, now = Date.now()): RecoveredState {
  const messages = new Map<string, MessageFields>();
  const dlq = new Map<string, DlqFields>();
  const dedup = new Map<string, DedupFields>();
  const schedules = new Map<string, ScheduleFields>();
  let skippedLines = 0;

  for (const line of lines) {
    if (!line.trim()) continue;
    let record: JournalRecord;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch {
      skippedLines += 1;
      continue;
    }
    switch (record.t) {
      case "journal":
        if (record.version !== JOURNAL_VERSION) {
          throw new Error(`journal version ${record.version} is not readable by this server (v${JOURNAL_VERSION})`);
        }
        break;
      case "msg": {
        const { t: _t, ...fields } = record;
        messages.set(fields.id, fields);
        break;
      }
      case "retry": {
        const message = messages.get(record.id);
        if (message) Object.assign(message, { retried: record.retried, dueAt: record.dueAt });
        break;
      }
      case "done":
        messages.delete(record.id);
        break;
      case "dlq": {
        const { t: _t, ...fields } = record;
        messages.delete(fields.message.id);
        dlq.set(fields.dlqId, fields);
        break;
      }
      case "dlq-del":
        dlq.delete(record.dlqId);
        break;
      case "dedup":
        dedup.set(record.key, { key: record.key, id: record.id, expiresAt: record.expiresAt });
        break;
      case "sched": {
        const { t: _t, ...fields } = record;
        schedules.delete(fields.id); // a replaced schedule moves to the end, as its upsert did
        schedules.set(fields.id, fields);
        break;
      }
      case "sched-del":
        schedules.delete(record.id);
        break;
      default:
        skippedLines += 1;
    }
  }
  return {
    messages: [...messages.values()],
    dlq: [...dlq.values()],
    dedup: [...dedup.values()].filter((entry) => entry.expiresAt > now),
    schedules: [...schedules.values()],
    skippedLines,
  };
}

/** The smallest journal that folds to the same state: what compaction writes. */
export function compactedRecords(state: RecoveredState): JournalRecord[] {
  return [
    { t: "journal", version: JOURNAL_VERSION },
    ...state.schedules.map((fields): JournalRecord => ({ t: "sched", ...fields })),
    ...state.dedup.map((fields): JournalRecord => ({ t: "dedup", ...fields })),
    ...state.dlq.map((fields): JournalRecord => ({ t: "dlq", ...fields })),
    ...state.messages.map((fields): JournalRecord => ({ t: "msg", ...fields })),
  ];
}
