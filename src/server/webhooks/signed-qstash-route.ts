// The one shape of every QStash route: read the raw body, verify the signature on those bytes
// before anything else, parse and validate the JSON, then hand the message to its handler.
// Answers follow QStash's contract: 2xx only on success, 401 for a bad signature, 489 +
// Upstash-NonRetryable-Error for a message that can never succeed, 5xx to be retried.
import type { Receiver } from "@upstash/qstash";
import type { z } from "zod";
import type { Logger } from "~/server/logger";

export type RouteHandler = (request: Request) => Promise<Response>;

export interface Delivery {
  messageId: string | null;
  /** 0 on the first attempt. */
  retried: number;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** Tells QStash to stop retrying: the message is malformed or refers to something that does not exist. */
export function nonRetryable(message: string): Response {
  return jsonResponse(489, { error: message }, { "Upstash-NonRetryable-Error": "true" });
}

export interface SignedRouteDeps {
  receiver: Receiver;
  /** The URL signatures must be bound to; undefined when the public URL is not configured. */
  url: () => string | undefined;
  logger: Logger;
}

export function signedQStashRoute<Schema extends z.ZodType>(
  deps: SignedRouteDeps,
  schema: Schema,
  handle: (message: z.infer<Schema>, delivery: Delivery) => Promise<Response>,
): RouteHandler {
  return async function handleSignedQStashRequest(request) {
    const signature = request.headers.get("upstash-signature");
    if (!signature) return jsonResponse(401, { error: "Missing Upstash-Signature header." });

    // The signature names the URL it was made for; without our own URL that check would be skipped,
    // and a message signed for another destination of the same account would pass. Refuse instead.
    const url = deps.url();
    if (!url) {
      return jsonResponse(503, { error: "APP_URL is not configured, so deliveries cannot be verified yet." });
    }
    const raw = await request.text();
    try {
      await deps.receiver.verify({ signature, body: raw, url });
    } catch {
      return jsonResponse(401, { error: "Invalid QStash signature." });
    }

    let json: unknown;
    try {
      // Schedules may deliver an empty body; it means "no options".
      json = raw.trim() === "" ? {} : JSON.parse(raw);
    } catch {
      return nonRetryable("Body is not valid JSON.");
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
      return nonRetryable(`Invalid message: ${issues.join("; ")}`);
    }

    const delivery: Delivery = {
      messageId: request.headers.get("upstash-message-id"),
      retried: Number(request.headers.get("upstash-retried") ?? 0),
    };
    try {
      return await handle(parsed.data, delivery);
    } catch (error) {
      // Anything unexpected is taken as transient (database unreachable, pool exhausted): QStash retries.
      deps.logger.error("qstash.handler_failed", {
        path: new URL(request.url).pathname,
        messageId: delivery.messageId,
        attempt: delivery.retried,
        message: error instanceof Error ? error.message.split("\n")[0] : String(error),
      });
      return jsonResponse(503, { error: "The message could not be handled yet; it will be retried." });
    }
  };
}
