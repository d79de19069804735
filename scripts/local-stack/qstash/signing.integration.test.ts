// Signatures as the official Receiver judges them: real deliveries verify (current key, and the next
// key after a rotation); forged, tampered, expired and wrong-URL signatures are rejected.
import { createHmac } from "node:crypto";
import { Receiver, SignatureError } from "@upstash/qstash";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReceivedRequest } from "./test-receiver";
import { qstashForFile, startTestQStash, type TestQStash } from "./test-qstash";

const { local, destination } = qstashForFile();
afterEach(() => {
  vi.useRealTimers();
});

async function deliverOne(qstash: TestQStash, body: unknown): Promise<{ url: string; delivered: ReceivedRequest }> {
  const url = destination.newUrl("signed");
  await qstash.client.publishJSON({ url, body });
  const [delivered] = await destination.waitFor(url, 1);
  return { url, delivered: delivered! };
}

const signatureOf = (request: ReceivedRequest) => String(request.headers["upstash-signature"]);

function resign(token: string, mutateClaims: (claims: Record<string, unknown>) => void, key: string): string {
  const [header = "", payload = ""] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
  mutateClaims(claims);
  const newPayload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  const signature = createHmac("sha256", key).update(`${header}.${newPayload}`).digest("base64url");
  return `${header}.${newPayload}.${signature}`;
}

describe("signatures", () => {
  it("verify with the current signing key, with and without the URL check", async () => {
    const { url, delivered } = await deliverOne(local, { sku: crypto.randomUUID() });
    const receiver = new Receiver(local.keys);
    await expect(receiver.verify({ signature: signatureOf(delivered), body: delivered.text, url })).resolves.toBe(true);
    await expect(receiver.verify({ signature: signatureOf(delivered), body: delivered.text })).resolves.toBe(true);
  });

  it("verify through the next key after a rotation", async () => {
    const rotated = await startTestQStash();
    try {
      // The server now signs with what the receiver still knows as its *next* key.
      const receiver = new Receiver({
        currentSigningKey: `sig_retired_${crypto.randomUUID()}`,
        nextSigningKey: rotated.keys.currentSigningKey,
      });
      const { url, delivered } = await deliverOne(rotated, { rotation: true });
      await expect(receiver.verify({ signature: signatureOf(delivered), body: delivered.text, url })).resolves.toBe(
        true,
      );
      const stale = new Receiver({
        currentSigningKey: rotated.keys.nextSigningKey,
        nextSigningKey: `sig_other_${crypto.randomUUID()}`,
      });
      await expect(stale.verify({ signature: signatureOf(delivered), body: delivered.text, url })).rejects.toThrow(
        SignatureError,
      );
    } finally {
      await rotated.qstash.close();
    }
  });

  it("reject a signature made with a key the receiver does not hold", async () => {
    const { url, delivered } = await deliverOne(local, { forged: true });
    const forged = resign(signatureOf(delivered), () => {}, `sig_attacker_${crypto.randomUUID()}`);
    const receiver = new Receiver(local.keys);
    await expect(receiver.verify({ signature: forged, body: delivered.text, url })).rejects.toThrow(SignatureError);
  });

  it("reject a tampered body and tampered claims", async () => {
    const { url, delivered } = await deliverOne(local, { amount: 10 });
    const receiver = new Receiver(local.keys);
    await expect(
      receiver.verify({ signature: signatureOf(delivered), body: delivered.text.replace("10", "1000"), url }),
    ).rejects.toThrow(/body hash does not match/);

    const [header, , signature] = signatureOf(delivered).split(".");
    const claims = resign(signatureOf(delivered), (c) => (c.sub = "http://evil.example/"), "irrelevant").split(".")[1];
    await expect(
      receiver.verify({ signature: `${header}.${claims}.${signature}`, body: delivered.text }),
    ).rejects.toThrow(SignatureError);
  });

  it("reject a signature for another URL", async () => {
    const { delivered } = await deliverOne(local, { wrongUrl: true });
    const receiver = new Receiver(local.keys);
    await expect(
      receiver.verify({
        signature: signatureOf(delivered),
        body: delivered.text,
        url: destination.newUrl("elsewhere"),
      }),
    ).rejects.toThrow(/invalid subject/);
  });

  it("expire five minutes after signing", async () => {
    const { url, delivered } = await deliverOne(local, { expiry: true });
    const receiver = new Receiver(local.keys);
    const signedAt = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(signedAt + 4 * 60_000);
    await expect(receiver.verify({ signature: signatureOf(delivered), body: delivered.text, url })).resolves.toBe(true);
    vi.setSystemTime(signedAt + 6 * 60_000);
    await expect(receiver.verify({ signature: signatureOf(delivered), body: delivered.text, url })).rejects.toThrow(
      SignatureError,
    );
    // With the signing key in both slots the Receiver reports why the current key failed.
    const sameKeyTwice = new Receiver({
      currentSigningKey: local.keys.currentSigningKey,
      nextSigningKey: local.keys.currentSigningKey,
    });
    await expect(sameKeyTwice.verify({ signature: signatureOf(delivered), body: delivered.text, url })).rejects.toThrow(
      /"exp" claim/,
    );
  });
});
