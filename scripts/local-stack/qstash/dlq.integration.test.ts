// The DLQ and message APIs through the official Client: list (with filters and cursor), retry and
// delete dead letters; cancel a pending message.
import type { QstashError } from "@upstash/qstash";
import { describe, expect, it } from "vitest";
import { eventually, qstashForFile } from "./test-qstash";

const { local, destination } = qstashForFile({ retryBaseDelayMs: 5 });

/** Publishes `count` messages that fail once and land in the DLQ; returns their URL and ids. */
async function deadLetters(count: number) {
  const url = destination.newUrl("dead");
  let healthy = false;
  destination.respond(url, () => (healthy ? { status: 200 } : { status: 500, body: "boom" }));
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    ids.push((await local.client.publishJSON({ url, body: { index }, retries: 0 })).messageId);
  }
  const messages = await eventually(async () => {
    const page = await local.client.dlq.listMessages({ filter: { url } });
    return page.messages.length === count ? page.messages : undefined;
  });
  return { url, ids, messages, heal: () => (healthy = true) };
}

describe("dead-letter queue", () => {
  it("lists dead letters with their last response", async () => {
    const { url, ids, messages } = await deadLetters(1);
    expect(messages[0]).toMatchObject({
      messageId: ids[0],
      url,
      method: "POST",
      body: '{"index":0}',
      maxRetries: 0,
      responseStatus: 500,
      responseBody: "boom",
    });
    expect(messages[0]!.dlqId).toEqual(expect.any(String));
  });

  it("pages with a cursor", async () => {
    const { url, ids } = await deadLetters(3);
    const first = await local.client.dlq.listMessages({ filter: { url }, count: 2 });
    expect(first.messages).toHaveLength(2);
    expect(first.cursor).toBeDefined();
    const second = await local.client.dlq.listMessages({ filter: { url }, count: 2, cursor: first.cursor });
    expect(second.messages).toHaveLength(1);
    expect(second.cursor).toBeUndefined();
    expect([...first.messages, ...second.messages].map((message) => message.messageId).sort()).toEqual([...ids].sort());
  });

  it("retries a dead letter as a fresh delivery", async () => {
    const { url, messages, heal } = await deadLetters(1);
    heal();
    const { responses } = await local.client.dlq.retry(messages[0]!.dlqId);
    expect(responses).toHaveLength(1);

    const requests = await destination.waitFor(url, 2);
    expect(requests[1]!.headers["upstash-message-id"]).toBe(responses[0]!.messageId);
    expect(requests[1]!.headers["upstash-retried"]).toBe("0");
    expect(requests[1]!.text).toBe('{"index":0}');
    expect((await local.client.dlq.listMessages({ filter: { url } })).messages).toHaveLength(0);
  });

  it("deletes one dead letter, then the rest by filter", async () => {
    const { url, messages } = await deadLetters(3);
    await expect(local.client.dlq.delete(messages[0]!.dlqId)).resolves.toEqual({ deleted: 1 });
    expect((await local.client.dlq.listMessages({ filter: { url } })).messages).toHaveLength(2);
    await expect(local.client.dlq.delete({ filter: { url } })).resolves.toMatchObject({ deleted: 2 });
    expect((await local.client.dlq.listMessages({ filter: { url } })).messages).toHaveLength(0);
    const missing = await local.client.dlq.delete(messages[0]!.dlqId).catch((error: QstashError) => error);
    expect((missing as QstashError).status).toBe(404);
  });
});

describe("messages", () => {
  it("cancels a pending message before delivery", async () => {
    const url = destination.newUrl("cancel-me");
    const { messageId } = await local.client.publishJSON({ url, body: { hold: true }, delay: 1 });

    await expect(local.client.messages.cancel(messageId)).resolves.toEqual({ cancelled: 1 });
    const again = await local.client.messages.cancel(messageId).catch((error: QstashError) => error);
    expect((again as QstashError).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(destination.requests(url)).toHaveLength(0);
  });
});
