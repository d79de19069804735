// Server lifecycle: a taken port is reported as PortInUseError, close() aborts in-flight deliveries
// promptly, logs carry delivery outcomes but never credentials.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PortInUseError } from "../ports";
import { startLocalQStash } from "./server";
import { startTestReceiver, type TestReceiver } from "./test-receiver";
import { startTestQStash } from "./test-qstash";

let destination: TestReceiver;

beforeAll(async () => {
  destination = await startTestReceiver();
});
afterAll(async () => {
  await destination.close();
});

describe("local QStash server", () => {
  it("refuses an explicit port that is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(
        startLocalQStash({ token: "t", currentSigningKey: "sig_a", nextSigningKey: "sig_b", port }),
      ).rejects.toBeInstanceOf(PortInUseError);
    } finally {
      blocker.close();
    }
  });

  it("aborts an in-flight delivery on close and resolves promptly", async () => {
    const local = await startTestQStash();
    const url = destination.newUrl("hangs");
    destination.respond(url, () => ({ delayMs: 10_000 }));
    await local.client.publishJSON({ url, body: {} });
    await destination.waitFor(url, 1);
    expect(local.qstash.stats().inFlight).toBe(1);

    const startedClosing = Date.now();
    await local.qstash.close();
    expect(Date.now() - startedClosing).toBeLessThan(1000);
    expect(local.qstash.stats().inFlight).toBe(0);
    expect(local.qstash.stats().delivered).toBe(0);
  });

  it("logs one line per delivery outcome without the token or signing keys", async () => {
    const lines: string[] = [];
    const local = await startTestQStash({ onLog: (line) => lines.push(line) });
    try {
      const url = destination.newUrl("logged");
      destination.respond(url, (_request, index) => ({ status: index === 0 ? 502 : 200 }));
      const { messageId } = await local.client.publishJSON({ url, body: {} });
      await destination.waitFor(url, 2);
      await new Promise((resolve) => setTimeout(resolve, 50));

      const outcomes = lines.filter((line) => line.includes(messageId));
      expect(outcomes).toHaveLength(2);
      expect(outcomes[0]).toMatch(/status=502 attempt=1\/4 retry in \d+ms/);
      expect(outcomes[1]).toMatch(/status=200 attempt=2\/4 delivered/);
      const everything = lines.join("\n");
      for (const secret of [local.token, local.keys.currentSigningKey, local.keys.nextSigningKey]) {
        expect(everything).not.toContain(secret);
      }
    } finally {
      await local.qstash.close();
    }
  });
});
