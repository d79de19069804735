// POST /v2/publish/<destination>: accept a message, deduplicate it, and hand it to the delivery loop.
// The answer matches the client's PublishToUrlResponse ({ messageId, url, deduplicated? }).
import { DEFAULT_RETRIES, type QStashContext } from "./context";
import { HttpError } from "./http-util";
import { createMessage, parseDeliveryOptions, parseDestination, type HeaderBag } from "./publish";

interface PublishAnswer {
  status: number;
  body: { messageId: string; url: string; deduplicated?: boolean };
}

/** Validates the publish (HttpError 400 with the reason the hosted service would give), then accepts it. */
export function publishOne(
  context: QStashContext,
  rawDestination: string,
  headers: HeaderBag,
  body: Buffer,
  callerIp: string,
): PublishAnswer {
  const url = parseDestination(rawDestination);
  if (!url) {
    throw new HttpError(
      400,
      `invalid destination "${rawDestination}": the local QStash delivers to http(s) URLs only (no URL groups or APIs)`,
    );
  }
  const options = parseDeliveryOptions(headers, DEFAULT_RETRIES);
  if (typeof options === "string") throw new HttpError(400, options);
  const message = createMessage({ url, body, options, callerIp });

  const { deduplicationId } = options;
  const firstMessageId = deduplicationId === undefined ? undefined : context.dedup.firstMessageId(deduplicationId);
  if (firstMessageId) {
    context.log(`${url} deduplicated: already accepted as ${firstMessageId}`);
    return { status: 202, body: { messageId: firstMessageId, url, deduplicated: true } };
  }
  // Message before dedup key: a kill between the two journal lines may deliver a retried publish
  // twice (at least once), never point a dedup key at a message that was not recorded.
  context.publish(message);
  if (deduplicationId !== undefined) context.dedup.remember(deduplicationId, message.messageId);
  return { status: 200, body: { messageId: message.messageId, url } };
}
