// Durability through the official Client: a server killed as a crash would, then started again on the
// same port and data directory, delivers what it had accepted (same ids, bodies and remaining
// attempts) and keeps settled messages settled, its DLQ and its deduplication ids. Schedules have
// their own file (schedules-durability.integration.test.ts) because they wait for a real minute.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Receiver } from "@upstash/qstash";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JournalRecord } from "./journal-records";
import { startTestReceiver, type ReceivedRequest, type TestReceiver } from "./test-receiver";
import { eventually, restartTestQStash, startTestQStash, temporaryDataDir, type TestQStash } from "./test-qstash";

let destination: TestReceiver;
let dataDir: ReturnType<typeof temporaryDataDir>;
let local: TestQStash;

beforeAll(async () => {
  destination = await startTestReceiver();
});
afterAll(async () => {
  await destination.close();
});
beforeEach(async () => {
  dataDir = temporaryDataDir();
  // Retries at 300 ms, 750 ms…: the kill lands while they are pending.
  local = await startTestQStash({ dataDir: dataDir.dir, retryBaseDelayMs: 300 });
});
afterEach(async () => {
  await local.qstash.close();
  dataDir.remove();
});

/** A destination that answers 503 until `up()`; `delivered(id)` lists the requests answered 200. */
function flakyDestination(label: string) {
  const url = destination.newUrl(label);
  let isUp = false;
  const answeredOk: ReceivedRequest[] = [];
  destination.respond(url, (request) => {
    if (!isUp) return { status: 503 };
    answeredOk.push(request);
    return { status: 200 };
  });
  return {
    url,
    up: () => (isUp = true),
    delivered: (messageId: string) =>
      answeredOk.filter((request) => request.headers["upstash-message-id"] === messageId),
  };
}

const firstDelivery = (target: ReturnType<typeof flakyDestination>, messageId: string) =>
  eventually(async () => target.delivered(messageId)[0]);

const journalRecords = () =>
  readFileSync(path.join(dataDir.dir, "journal.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as JournalRecord);

describe("durability across a kill", () => {
  it("delivers every accepted message after a restart with its id, body, headers and remaining attempts", async () => {
    const target = flakyDestination("orders");
    const failureUrl = destination.newUrl("failure");
    const key = `sale.${crypto.randomUUID()}`;
    const deduplicationId = `order-2-${crypto.randomUUID()}`;
    const retrying = await local.client.publishJSON({ url: target.url, body: { order: 1 }, retries: 5 });
    const withOptions = await local.client.publish({
      url: target.url,
      body: "naïve café ☕",
      headers: { "Content-Type": "text/plain", "X-Order": "2" },
      retries: 5,
      flowControl: { key, parallelism: 1 },
      deduplicationId,
      failureCallback: failureUrl,
    });
    const notBefore = Math.ceil(Date.now() / 1000) + 2;
    const delayed = await local.client.publishJSON({ url: target.url, body: { order: 3 }, notBefore });
    await eventually(async () => (local.qstash.stats().retried >= 2 ? true : undefined));

    local = await restartTestQStash(local);
    const restartedAt = Date.now();
    target.up();

    const first = await firstDelivery(target, retrying.messageId);
    const second = await firstDelivery(target, withOptions.messageId);
    const third = await firstDelivery(target, delayed.messageId);
    expect(first.text).toBe('{"order":1}');
    expect(second.text).toBe("naïve café ☕");
    expect(third.text).toBe('{"order":3}');
    for (const delivery of [first, second, third]) expect(delivery.receivedAt).toBeGreaterThanOrEqual(restartedAt);
    // Attempts made before the kill still count, and the not-before time was kept, not restarted.
    expect(Number(first.headers["upstash-retried"])).toBeGreaterThanOrEqual(1);
    expect(Number(second.headers["upstash-retried"])).toBeGreaterThanOrEqual(1);
    expect(third.receivedAt).toBeGreaterThanOrEqual(notBefore * 1000);
    expect(second.headers["x-order"]).toBe("2");
    expect(second.headers["content-type"]).toBe("text/plain");
    const receiver = new Receiver(local.keys);
    await expect(
      receiver.verify({ signature: String(second.headers["upstash-signature"]), body: second.text, url: target.url }),
    ).resolves.toBe(true);

    // The deduplication id and the flow-control key came back with the message.
    const again = await local.client.publish({ url: target.url, body: "naïve café ☕", deduplicationId });
    expect(again).toMatchObject({ messageId: withOptions.messageId, deduplicated: true });
    await eventually(async () => {
      const info = await local.client.flowControl.get(key);
      return info.waitListSize + info.parallelismCount === 0 ? true : undefined;
    });
    expect(destination.requests(failureUrl)).toHaveLength(0);
  });

  it("keeps delivered and cancelled messages settled and the DLQ intact, and compacts the journal", async () => {
    const healthy = destination.newUrl("healthy");
    const failing = destination.newUrl("failing");
    const later = destination.newUrl("later");
    destination.respond(failing, () => ({ status: 500, body: "boom" }));
    const delivered = await local.client.publishJSON({ url: healthy, body: { ok: true } });
    const dead = await local.client.publishJSON({ url: failing, body: { dead: true }, retries: 0 });
    const cancelled = await local.client.publishJSON({ url: later, body: {}, delay: 1 });
    await local.client.messages.cancel(cancelled.messageId);
    const [before] = await eventually(async () => {
      const { messages } = await local.client.dlq.listMessages({ filter: { url: failing } });
      return messages.length === 1 ? messages : undefined;
    });
    await destination.waitFor(healthy, 1);

    local = await restartTestQStash(local);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(destination.requests(healthy).map((request) => request.headers["upstash-message-id"])).toEqual([
      delivered.messageId,
    ]);
    expect(destination.requests(failing)).toHaveLength(1);
    expect(destination.requests(later)).toHaveLength(0);
    const { messages: after } = await local.client.dlq.listMessages({ filter: { url: failing } });
    expect(after).toEqual([before]);
    expect(after[0]).toMatchObject({ messageId: dead.messageId, body: '{"dead":true}', responseBody: "boom" });

    // Compaction kept only what is still outstanding: the header and the dead letter.
    expect(journalRecords().map((record) => record.t)).toEqual(["journal", "dlq"]);
    await local.client.dlq.delete(before!.dlqId);
    local = await restartTestQStash(local);
    expect((await local.client.dlq.listMessages({ filter: { url: failing } })).messages).toHaveLength(0);
    expect(journalRecords().map((record) => record.t)).toEqual(["journal"]);
  });

  it("forgets everything on a restart without a data directory", async () => {
    await local.qstash.close();
    local = await startTestQStash();
    const key = `sale.${crypto.randomUUID()}`;
    const url = destination.newUrl("memory-only");
    await local.client.publishJSON({ url, body: {}, delay: 1, flowControl: { key, parallelism: 1 } });
    expect((await local.client.flowControl.get(key)).waitListSize).toBe(1);

    local = await restartTestQStash(local);
    const status = await local.client.flowControl.get(key).then(
      () => 200,
      (error: { status?: number }) => error.status,
    );
    expect(status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(destination.requests(url)).toHaveLength(0);
  });
});
