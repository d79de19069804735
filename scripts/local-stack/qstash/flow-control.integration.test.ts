// client.flowControl.get(key) through the official Client: a key's parallelismCount and waitListSize
// cover every message of the key that is not finished — waiting for a slot, a delay or a retry —
// and reach zero only once each has been delivered, dead-lettered or cancelled.
import { QstashError } from "@upstash/qstash";
import { describe, expect, it } from "vitest";
import { eventually, qstashForFile } from "./test-qstash";

// Retries wait 200 ms, 500 ms…: a wide window in which only retries are left.
const { local, destination } = qstashForFile({ retryBaseDelayMs: 200 });

const newKey = () => `sale.${crypto.randomUUID()}`;
const outstanding = async (key: string) => {
  const info = await local.client.flowControl.get(key);
  return info.waitListSize + info.parallelismCount;
};

describe("flow control info", () => {
  it("stays above zero while retries are pending and reaches zero only after every delivery succeeded", async () => {
    const key = newKey();
    const url = destination.newUrl("orders");
    const attempted = new Set<string>();
    // Each message fails its first attempt and succeeds on its retry.
    destination.respond(url, (request) => {
      const messageId = String(request.headers["upstash-message-id"]);
      if (attempted.has(messageId)) return { status: 200 };
      attempted.add(messageId);
      return { status: 500 };
    });
    const succeeded = () => {
      const seen = new Map<string, number>();
      for (const request of destination.requests(url)) {
        const messageId = String(request.headers["upstash-message-id"]);
        seen.set(messageId, (seen.get(messageId) ?? 0) + 1);
      }
      return [...seen.values()].filter((count) => count >= 2).length;
    };

    const count = 5;
    for (let index = 0; index < count; index++) {
      await local.client.publishJSON({ url, body: { index }, flowControl: { key, parallelism: 2 } });
    }
    await destination.waitFor(url, count);
    // Every first attempt failed and no retry is due yet: all five are still coming.
    expect(await outstanding(key)).toBe(count);
    expect(succeeded()).toBe(0);

    const samples: number[] = [];
    for (;;) {
      const sample = await outstanding(key);
      samples.push(sample);
      if (sample === 0) break;
      expect(samples.length, "the key never drained").toBeLessThan(500);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // The destination records a request before answering it, so by the time QStash reports the key
    // drained, every successful delivery must already be recorded there.
    expect(succeeded()).toBe(count);
    expect(samples.filter((sample) => sample > 0).length).toBeGreaterThan(0);
    expect(destination.requests(url)).toHaveLength(2 * count);
  });

  it("answers the FlowControlInfo fields with the key's limits and current load", async () => {
    const key = newKey();
    const url = destination.newUrl("slow");
    destination.respond(url, () => ({ delayMs: 300 }));
    await local.client.publishJSON({ url, body: {}, flowControl: { key, parallelism: 1, rate: 10, period: "1m" } });
    await local.client.publishJSON({ url, body: {}, flowControl: { key, parallelism: 1, rate: 10, period: "1m" } });
    await destination.waitFor(url, 1);

    const info = await local.client.flowControl.get(key);
    expect(info).toEqual({
      flowControlKey: key,
      waitListSize: 1,
      parallelismMax: 1,
      parallelismCount: 1,
      rateMax: 10,
      rateCount: 1,
      ratePeriod: 60,
      ratePeriodStart: expect.any(Number) as number,
      isPaused: false,
      isPinnedParallelism: false,
      isPinnedRate: false,
    });
    expect(Math.abs(info.ratePeriodStart - Date.now() / 1000)).toBeLessThan(5);
    await eventually(async () => ((await outstanding(key)) === 0 ? true : undefined));
  });

  it("counts a delayed message until it is cancelled, and a dead letter until it is dead", async () => {
    const key = newKey();
    const { messageId } = await local.client.publishJSON({
      url: destination.newUrl("later"),
      body: {},
      delay: 30,
      flowControl: { key, parallelism: 1 },
    });
    expect(await local.client.flowControl.get(key)).toMatchObject({ waitListSize: 1, parallelismCount: 0 });
    await local.client.messages.cancel(messageId);
    expect(await outstanding(key)).toBe(0);

    const failing = destination.newUrl("failing");
    destination.respond(failing, () => ({ status: 500 }));
    await local.client.publishJSON({ url: failing, body: {}, retries: 1, flowControl: { key, parallelism: 1 } });
    await destination.waitFor(failing, 1);
    expect(await outstanding(key)).toBe(1);
    await eventually(async () => ((await outstanding(key)) === 0 ? true : undefined));
    const { messages } = await local.client.dlq.listMessages({ filter: { url: failing } });
    expect(messages).toHaveLength(1);
    expect(destination.requests(failing)).toHaveLength(2);
  });

  it("answers 404 for a key no message has used", async () => {
    const error = await local.client.flowControl.get(newKey()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QstashError);
    expect((error as QstashError).status).toBe(404);
  });
});
