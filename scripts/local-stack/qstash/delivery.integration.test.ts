// Delivery through the official Client: bodies and headers as QStash sends them, retries with
// Upstash-Retried, dead-lettering with the failure callback, 489 non-retryable.
import { Receiver } from "@upstash/qstash";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestReceiver, type TestReceiver } from "./test-receiver";
import { eventually, startTestQStash, type TestQStash } from "./test-qstash";

let local: TestQStash;
let destination: TestReceiver;
let receiver: Receiver;

beforeAll(async () => {
  local = await startTestQStash({ retryBaseDelayMs: 10 });
  destination = await startTestReceiver();
  receiver = new Receiver(local.keys);
});
afterAll(async () => {
  await local.qstash.close();
  await destination.close();
});

describe("delivery", () => {
  it("delivers publishJSON with the body intact and QStash's headers", async () => {
    const url = destination.newUrl("orders");
    const body = { orderId: crypto.randomUUID(), note: "naïve café ☕", quantity: 2 };
    const { messageId } = await local.client.publishJSON({ url, body, headers: { "X-Request-Id": "req-42" } });

    const [delivered] = await destination.waitFor(url, 1);
    expect(messageId).toMatch(/^msg_/);
    expect(delivered!.method).toBe("POST");
    expect(delivered!.text).toBe(JSON.stringify(body));
    expect(delivered!.headers["content-type"]).toBe("application/json");
    expect(delivered!.headers["user-agent"]).toBe("Upstash-QStash");
    expect(delivered!.headers["upstash-message-id"]).toBe(messageId);
    expect(delivered!.headers["upstash-retried"]).toBe("0");
    expect(delivered!.headers["x-request-id"]).toBe("req-42");
    const signature = String(delivered!.headers["upstash-signature"]);
    await expect(receiver.verify({ signature, body: delivered!.text, url })).resolves.toBe(true);
  });

  it("delivers raw bytes byte-for-byte with the original content type and Upstash-Method", async () => {
    const url = destination.newUrl("raw");
    const bytes = new Uint8Array([0, 255, 1, 254, 0x80, 0x7f, 13, 10]);
    await local.client.publish({
      url,
      body: new Blob([bytes]),
      method: "PUT",
      headers: { "Content-Type": "application/octet-stream" },
    });

    const [delivered] = await destination.waitFor(url, 1);
    expect(delivered!.method).toBe("PUT");
    expect([...delivered!.body]).toEqual([...bytes]);
    expect(delivered!.headers["content-type"]).toBe("application/octet-stream");
  });

  it("retries with Upstash-Retried 0..3, then dead-letters and calls the failure callback", async () => {
    const url = destination.newUrl("always-fails");
    const failureUrl = destination.newUrl("failure");
    destination.respond(url, () => ({ status: 500, body: "database unavailable" }));
    const body = JSON.stringify({ saleId: crypto.randomUUID() });

    const { messageId } = await local.client.publish({ url, body, retries: 3, failureCallback: failureUrl });
    const attempts = await destination.waitFor(url, 4);
    expect(attempts.map((attempt) => attempt.headers["upstash-retried"])).toEqual(["0", "1", "2", "3"]);
    expect(new Set(attempts.map((attempt) => attempt.headers["upstash-message-id"]))).toEqual(new Set([messageId]));
    // Signed afresh for every attempt.
    expect(new Set(attempts.map((attempt) => attempt.headers["upstash-signature"])).size).toBe(4);

    const [callback] = await destination.waitFor(failureUrl, 1);
    await expect(
      receiver.verify({
        signature: String(callback!.headers["upstash-signature"]),
        body: callback!.text,
        url: failureUrl,
      }),
    ).resolves.toBe(true);
    const payload = JSON.parse(callback!.text) as Record<string, unknown>;
    expect(payload).toMatchObject({ status: 500, sourceMessageId: messageId, url, retried: 3, maxRetries: 3 });
    expect(Buffer.from(String(payload.sourceBody), "base64").toString()).toBe(body);
    expect(Buffer.from(String(payload.body), "base64").toString()).toBe("database unavailable");

    const { messages } = await local.client.dlq.listMessages({ filter: { url } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ messageId, dlqId: payload.dlqId, responseStatus: 500, body });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(destination.requests(url)).toHaveLength(4);
  });

  it("stops at once on 489 with Upstash-NonRetryable-Error", async () => {
    const url = destination.newUrl("reject");
    destination.respond(url, () => ({ status: 489, headers: { "Upstash-NonRetryable-Error": "true" } }));
    const { messageId } = await local.client.publishJSON({ url, body: { bad: true }, retries: 3 });

    await destination.waitFor(url, 1);
    const dead = await eventually(async () => {
      const { messages } = await local.client.dlq.listMessages({ filter: { url } });
      return messages[0];
    });
    expect(dead).toMatchObject({ messageId, responseStatus: 489 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(destination.requests(url)).toHaveLength(1);
  });

  it("retries a plain 489 without the non-retryable header", async () => {
    const url = destination.newUrl("plain-489");
    destination.respond(url, (_request, index) => ({ status: index === 0 ? 489 : 200 }));
    await local.client.publishJSON({ url, body: {}, retries: 2 });
    const attempts = await destination.waitFor(url, 2);
    expect(attempts[1]!.headers["upstash-retried"]).toBe("1");
  });

  it("treats an unreachable destination as a failure and retries it", async () => {
    const url = "http://127.0.0.1:9/unreachable-" + crypto.randomUUID();
    const { messageId } = await local.client.publishJSON({ url, body: {}, retries: 1 });
    const dead = await eventually(async () => {
      const { messages } = await local.client.dlq.listMessages({ filter: { url } });
      return messages[0];
    });
    expect(dead).toMatchObject({ messageId, responseStatus: 0 });
  });
});
