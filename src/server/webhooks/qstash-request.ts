// Shared steps of every QStash callback: verify the signature on the raw bytes before anything
// else, then validate the JSON body. Answers follow QStash's contract: 2xx only on success,
// 489 + Upstash-NonRetryable-Error for a message that can never succeed, 5xx to retry.
import type { Receiver } from "@upstash/qstash";
import type { z } from "zod";

export type ParsedQStashRequest<T> =
  { ok: true; body: T; messageId: string | null; retried: number } | { ok: false; response: Response };

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** Tells QStash to stop retrying: the message is malformed or refers to something that does not exist. */
export function nonRetryable(message: string): Response {
  return jsonResponse(489, { error: message }, { "Upstash-NonRetryable-Error": "true" });
}

export async function readQStashRequest<Schema extends z.ZodType>(
  request: Request,
  deps: { receiver: Receiver; expectedUrl: string | undefined; schema: Schema },
): Promise<ParsedQStashRequest<z.infer<Schema>>> {
  const signature = request.headers.get("upstash-signature");
  if (!signature) return { ok: false, response: jsonResponse(401, { error: "Missing Upstash-Signature header." }) };

  const raw = await request.text();
  try {
    await deps.receiver.verify({ signature, body: raw, url: deps.expectedUrl });
  } catch {
    return { ok: false, response: jsonResponse(401, { error: "Invalid QStash signature." }) };
  }

  let json: unknown;
  try {
    // Schedules may deliver an empty body; it means "no options".
    json = raw.trim() === "" ? {} : JSON.parse(raw);
  } catch {
    return { ok: false, response: nonRetryable("Body is not valid JSON.") };
  }
  const parsed = deps.schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
    return { ok: false, response: nonRetryable(`Invalid message: ${issues.join("; ")}`) };
  }
  return {
    ok: true,
    body: parsed.data,
    messageId: request.headers.get("upstash-message-id"),
    retried: Number(request.headers.get("upstash-retried") ?? 0),
  };
}
