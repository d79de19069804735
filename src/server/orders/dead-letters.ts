// QStash's dead-letter queue as an admin sees it: the messages QStash gave up on, each read for
// which of our destinations it was for and which sale and shopper it carried, with the last answer
// our endpoint gave. An admin may send one again now (retry) or drop it (delete); both are audited.
//
// Everything goes through the official client (qstash.dlq): the hosted service and the local
// stand-in answer the same calls. A retry is a new message; if it fails again it comes back to the
// queue under a new dlqId.
import type { Client as QStashClient } from "@upstash/qstash";
import type { DatabaseClient } from "~/server/db";
import type { Logger } from "~/server/logger";
import { writeAudit, type AuditFields } from "~/server/sales/admin/audit";
import { refuse, type AdminResult } from "~/server/sales/admin/result";
import { destinationOfUrl, type QStashDestination } from "./qstash-destinations";

type DlqMessage = Awaited<ReturnType<QStashClient["dlq"]["listMessages"]>>["messages"][number];

export interface DeadLetter {
  dlqId: string;
  messageId: string;
  /** Which of our callbacks it was for; null when the URL is not one of ours. */
  destination: QStashDestination | null;
  url: string;
  saleId: string | null;
  userId: string | null;
  /** The HTTP status of the last attempt (null when it never got an answer). */
  responseStatus: number | null;
  /** The last answer's body as text, cut to LAST_ANSWER_CHARS. */
  lastAnswer: string | null;
  /**
   * When the message was first published (epoch ms). QStash's DLQ API does not say when it gave
   * up, so this is the moment the delivery story began.
   */
  deadAt: number;
  /** Attempts QStash made before giving up, when it says. */
  retried: number | null;
}

export const LAST_ANSWER_CHARS = 300;
/** Pages of 100 read per listing: a DLQ deeper than this is a problem for the QStash console. */
const MAX_PAGES = 10;
const PAGE_SIZE = 100;

export const DEAD_LETTER_GONE =
  "That dead letter is no longer in QStash's queue: it was retried or deleted meanwhile. The list has been refreshed.";

function textOf(text: string | undefined, base64: string | undefined): string | null {
  if (text !== undefined) return text;
  if (base64 !== undefined) return Buffer.from(base64, "base64").toString("utf8");
  return null;
}

/** saleId and userId from a JSON body, when it carries them (every message we publish does). */
function idsOf(body: string | null): { saleId: string | null; userId: string | null } {
  if (!body) return { saleId: null, userId: null };
  try {
    const parsed = JSON.parse(body) as unknown;
    if (typeof parsed !== "object" || parsed === null) return { saleId: null, userId: null };
    const { saleId, userId } = parsed as Record<string, unknown>;
    return {
      saleId: typeof saleId === "string" ? saleId : null,
      userId: typeof userId === "string" ? userId : null,
    };
  } catch {
    return { saleId: null, userId: null };
  }
}

function truncate(text: string | null): string | null {
  if (text === null) return null;
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > LAST_ANSWER_CHARS ? `${flat.slice(0, LAST_ANSWER_CHARS - 1)}…` : flat;
}

export function toDeadLetter(message: DlqMessage): DeadLetter {
  const body = textOf(message.body, message.bodyBase64);
  // The stand-in adds `error` when the attempt never got an HTTP answer; the hosted service may too.
  const extra = message as DlqMessage & { retried?: unknown; error?: unknown };
  const answer =
    textOf(message.responseBody, message.responseBodyBase64) ?? (typeof extra.error === "string" ? extra.error : null);
  return {
    dlqId: message.dlqId,
    messageId: message.messageId,
    destination: destinationOfUrl(message.url),
    url: message.url,
    ...idsOf(body),
    responseStatus: message.responseStatus ?? null,
    lastAnswer: truncate(answer),
    deadAt: message.createdAt,
    retried: typeof extra.retried === "number" ? extra.retried : null,
  };
}

function auditFieldsOf(letter: DeadLetter): AuditFields {
  return {
    dlqId: letter.dlqId,
    messageId: letter.messageId,
    destination: letter.destination,
    userId: letter.userId,
    responseStatus: letter.responseStatus,
  };
}

export interface DeadLetterDeps {
  qstash: QStashClient;
  db: DatabaseClient;
  logger: Logger;
}

export function createDeadLetters(deps: DeadLetterDeps) {
  const { qstash, db, logger } = deps;

  async function find(dlqId: string): Promise<DeadLetter | null> {
    const { messages } = await qstash.dlq.listMessages({ dlqIds: [dlqId] });
    const found = messages.find((message) => message.dlqId === dlqId);
    return found ? toDeadLetter(found) : null;
  }

  /** Audited like every admin change: entity Sale (the sale the message was about), as failures are. */
  async function audit(actorId: string, action: string, letter: DeadLetter, after: AuditFields | null) {
    try {
      await writeAudit(db, {
        actorId,
        action,
        entityId: letter.saleId ?? "unknown",
        before: auditFieldsOf(letter),
        after,
      });
    } catch (error) {
      // QStash has already acted; losing the audit row must be loud, not undo the action.
      logger.error("delivery.audit_failed", {
        action,
        dlqId: letter.dlqId,
        message: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }

  return {
    /** Dead letters oldest first; only those about `saleId` when given. */
    async list(options: { saleId?: string } = {}): Promise<DeadLetter[]> {
      const letters: DeadLetter[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await qstash.dlq.listMessages({ count: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
        for (const message of result.messages) {
          const letter = toDeadLetter(message);
          if (!options.saleId || letter.saleId === options.saleId) letters.push(letter);
        }
        cursor = result.cursor;
        if (!cursor) break;
      }
      return letters;
    },

    /** Sends the message again now, as a new message; the dead letter leaves the queue. */
    async retry(dlqId: string, actorId: string): Promise<AdminResult<{ dlqId: string; messageId: string }>> {
      const letter = await find(dlqId);
      if (!letter) return refuse("NOT_FOUND", DEAD_LETTER_GONE);
      const { responses } = await qstash.dlq.retry([dlqId]);
      const retried = responses[0];
      // Gone between the read and the retry (another admin was quicker).
      if (!retried) return refuse("NOT_FOUND", DEAD_LETTER_GONE);
      await audit(actorId, "delivery.retry", letter, { messageId: retried.messageId });
      logger.info("delivery.retried", { dlqId, saleId: letter.saleId, messageId: retried.messageId });
      return { ok: true, value: { dlqId, messageId: retried.messageId } };
    },

    /** Drops the dead letter for good. */
    async delete(dlqId: string, actorId: string): Promise<AdminResult<{ dlqId: string }>> {
      const letter = await find(dlqId);
      if (!letter) return refuse("NOT_FOUND", DEAD_LETTER_GONE);
      const { deleted } = await qstash.dlq.delete([dlqId]);
      if (deleted === 0) return refuse("NOT_FOUND", DEAD_LETTER_GONE);
      await audit(actorId, "delivery.delete", letter, null);
      logger.info("delivery.deleted", { dlqId, saleId: letter.saleId });
      return { ok: true, value: { dlqId } };
    },
  };
}

export type DeadLetters = ReturnType<typeof createDeadLetters>;
