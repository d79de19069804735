// Publish options through the official Client: deduplication, delay / not-before, flow control,
// timeout, and the error answers (401, 400) the client surfaces as QstashError.
import { Client, QstashError } from "@upstash/qstash";
import { describe, expect, it } from "vitest";
import { qstashForFile } from "./test-qstash";

const { local, destination } = qstashForFile({ retryBaseDelayMs: 10 });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("deduplication", () => {
  it("delivers once per deduplication id and answers duplicates with the first id", async () => {
    const url = destination.newUrl("dedup-id");
    const deduplicationId = `order-${crypto.randomUUID()}`;
    const first = await local.client.publishJSON({ url, body: { n: 1 }, deduplicationId });
    const second = await local.client.publishJSON({ url, body: { n: 2 }, deduplicationId });

    expect(second.messageId).toBe(first.messageId);
    expect(second.deduplicated).toBe(true);
    expect(first.deduplicated).toBeUndefined();
    await destination.waitFor(url, 1);
    await pause(100);
    expect(destination.requests(url).map((request) => request.text)).toEqual(['{"n":1}']);
  });
});

describe.concurrent("timing", () => {
  it("holds a message for Upstash-Delay", async () => {
    const url = destination.newUrl("delay");
    const publishedAt = Date.now();
    await local.client.publishJSON({ url, body: {}, delay: 1 });
    await pause(500);
    expect(destination.requests(url)).toHaveLength(0);
    const [delivered] = await destination.waitFor(url, 1, 3000);
    expect(delivered!.receivedAt - publishedAt).toBeGreaterThanOrEqual(1000);
  });

  it("holds a message until Upstash-Not-Before", async () => {
    const url = destination.newUrl("not-before");
    const notBefore = Math.floor(Date.now() / 1000) + 2;
    await local.client.publishJSON({ url, body: {}, notBefore });
    const [delivered] = await destination.waitFor(url, 1, 4000);
    expect(delivered!.receivedAt).toBeGreaterThanOrEqual(notBefore * 1000);
  });

  it("aborts an attempt after Upstash-Timeout and retries it", async () => {
    const url = destination.newUrl("slow");
    destination.respond(url, (_request, index) => ({ delayMs: index === 0 ? 2000 : 0 }));
    await local.client.publishJSON({ url, body: {}, timeout: 1, retries: 1 });
    const [first, second] = await destination.waitFor(url, 2, 10_000);
    expect(second!.headers["upstash-retried"]).toBe("1");
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(1000);
  });
});

describe.concurrent("flow control", () => {
  it("never overlaps deliveries with parallelism=1 (they do overlap without it)", async () => {
    const limited = destination.newUrl("flow-limited");
    const free = destination.newUrl("flow-free");
    for (const url of [limited, free]) destination.respond(url, () => ({ delayMs: 150 }));
    const key = `flow-${crypto.randomUUID()}`;

    await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        Promise.all([
          local.client.publishJSON({ url: limited, body: { index }, flowControl: { key, parallelism: 1 } }),
          local.client.publishJSON({ url: free, body: { index } }),
        ]),
      ),
    );
    await Promise.all([destination.waitFor(limited, 5, 5000), destination.waitFor(free, 5)]);
    expect(destination.peakConcurrency(limited)).toBe(1);
    expect(destination.peakConcurrency(free)).toBeGreaterThan(1);
  });

  it("starts at most `rate` deliveries per period", async () => {
    const url = destination.newUrl("flow-rate");
    const key = `rate-${crypto.randomUUID()}`;
    for (let index = 0; index < 3; index++) {
      await local.client.publishJSON({ url, body: { index }, flowControl: { key, rate: 2, period: "1s" } });
    }
    const requests = await destination.waitFor(url, 3, 4000);
    expect(requests[2]!.receivedAt - requests[0]!.receivedAt).toBeGreaterThanOrEqual(900);
  });
});

describe("errors", () => {
  it("answers 401 to a wrong token", async () => {
    const intruder = new Client({ baseUrl: local.qstash.url, token: "not-the-token" });
    const error = await intruder
      .publishJSON({ url: destination.newUrl("nope"), body: {} })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QstashError);
    expect((error as QstashError).status).toBe(401);
  });

  it("answers 400 to malformed options instead of ignoring them", async () => {
    const error = await local.client
      .publishJSON({ url: destination.newUrl("bad"), body: {}, delay: "soon" as `${bigint}s` })
      .catch((caught: unknown) => caught);
    expect((error as QstashError).status).toBe(400);
    expect((error as QstashError).message).toMatch(/Upstash-delay/i);
  });

  it("answers 400 to options it does not implement instead of ignoring them", async () => {
    const url = destination.newUrl("unsupported");
    const refusals = await Promise.all(
      [
        { callback: destination.newUrl("callback") },
        { retryDelay: "1000 * retried" },
        { contentBasedDeduplication: true },
      ].map((options) => local.client.publishJSON({ url, body: {}, ...options }).catch((caught: unknown) => caught)),
    );
    expect(refusals.map((error) => (error as QstashError).status)).toEqual([400, 400, 400]);
    expect((refusals[0] as QstashError).message).toMatch(/Upstash-Callback is not supported/);
    await pause(100);
    expect(destination.requests(url)).toHaveLength(0);
  });
});
