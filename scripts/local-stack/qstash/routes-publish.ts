// POST /v2/publish/<destination> and POST /v2/batch: accept messages, deduplicate, and hand them to
// the delivery loop. Answers match the client's PublishToUrlResponse ({ messageId, url, deduplicated? }).
import { z } from "zod";
import type { QStashContext } from "./context";
import { HttpError } from "./http-util";
import {
  createMessage,
  deduplicationKey,
  headerBag,
  parseDeliveryOptions,
  parseDestination,
  type HeaderBag,
} from "./publish";
import type { QueuedMessage } from "./types";

interface PublishAnswer {
  status: number;
  body: { messageId: string; url: string; deduplicated?: boolean };
}

interface PreparedPublish {
  message: QueuedMessage;
  dedupKey?: string;
}

/** Validates one publish; throws HttpError(400) with the reason the hosted service would give. */
function preparePublish(
  context: QStashContext,
  rawDestination: string,
  headers: HeaderBag,
  body: Buffer,
  callerIp: string,
): PreparedPublish {
  const url = parseDestination(rawDestination);
  if (!url) {
    throw new HttpError(
      400,
      `invalid destination "${rawDestination}": the local QStash delivers to http(s) URLs only (no URL groups or APIs)`,
    );
  }
  const options = parseDeliveryOptions(headers, context.defaultRetries);
  if (typeof options === "string") throw new HttpError(400, options);
  const message = createMessage({ url, body, options, callerIp });
  return { message, dedupKey: deduplicationKey(url, body, options) };
}

function commitPublish(context: QStashContext, { message, dedupKey }: PreparedPublish): PublishAnswer {
  if (dedupKey !== undefined) {
    const firstMessageId = context.dedup.firstMessageId(dedupKey);
    if (firstMessageId) {
      context.counters.deduplicated += 1;
      context.log(`${message.url} deduplicated: already accepted as ${firstMessageId}`);
      return { status: 202, body: { messageId: firstMessageId, url: message.url, deduplicated: true } };
    }
    context.dedup.remember(dedupKey, message.messageId);
  }
  context.publish(message);
  return { status: 200, body: { messageId: message.messageId, url: message.url } };
}

export function publishOne(
  context: QStashContext,
  rawDestination: string,
  headers: HeaderBag,
  body: Buffer,
  callerIp: string,
): PublishAnswer {
  return commitPublish(context, preparePublish(context, rawDestination, headers, body, callerIp));
}

const batchSchema = z.array(
  z.object({
    destination: z.string().min(1),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.string().optional(),
    queue: z.string().optional(),
  }),
);

/** Every entry is validated before any is accepted, so a bad batch publishes nothing. */
export function publishBatch(
  context: QStashContext,
  rawBody: Buffer,
  callerIp: string,
): { status: number; body: PublishAnswer["body"][] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString("utf8"));
  } catch {
    throw new HttpError(400, "batch body must be a JSON array");
  }
  const entries = batchSchema.safeParse(parsed);
  if (!entries.success) throw new HttpError(400, `invalid batch: ${z.prettifyError(entries.error)}`);
  const prepared = entries.data.map((entry) => {
    if (entry.queue) throw new HttpError(400, "queues are not supported by the local QStash; use flow control");
    return preparePublish(
      context,
      entry.destination,
      headerBag(entry.headers ?? {}),
      Buffer.from(entry.body ?? "", "utf8"),
      callerIp,
    );
  });
  return { status: 200, body: prepared.map((entry) => commitPublish(context, entry).body) };
}
