import { describe, expect, it } from "vitest";
import { WebhookSignatureError } from "~/server/payments/provider";
import { signTestWebhook, SIGNATURE_TOLERANCE_SECONDS, verifyTestWebhook } from "./signature";

const SECRET = "a-test-payments-secret-of-at-least-32-characters";
const NOW = 1_767_225_600;
const body = JSON.stringify({ id: "tev_0123456789abcdef0123456789abcdef", type: "payment.succeeded" });

const verify =
  (rawBody: string, header: string | null, now = NOW) =>
  () =>
    verifyTestWebhook(SECRET, rawBody, header, now);

describe("test provider webhook signatures", () => {
  it("accepts the signature of exactly this body, in the Stripe header shape", () => {
    const header = signTestWebhook(SECRET, body, NOW);
    expect(header).toMatch(/^t=1767225600,v1=[0-9a-f]{64}$/);
    expect(verify(body, header)).not.toThrow();
  });

  it("accepts a header carrying several signatures when one matches (a secret being rotated)", () => {
    const good = signTestWebhook(SECRET, body, NOW);
    const stale = signTestWebhook("an-older-secret-of-at-least-32-characters!!", body, NOW).split(",")[1];
    expect(verify(body, `${good.split(",")[0]},${stale},${good.split(",")[1]}`)).not.toThrow();
  });

  it.each<[string, string | null]>([
    ["a missing header", null],
    ["an empty header", ""],
    ["a header without a timestamp", `v1=${"a".repeat(64)}`],
    ["a header without a signature", `t=${NOW}`],
    ["a signature that is not hex of the right length", `t=${NOW},v1=abc`],
    ["a timestamp that is not a number", `t=soon,v1=${"a".repeat(64)}`],
    ["two timestamps", `t=${NOW},t=${NOW},v1=${"a".repeat(64)}`],
  ])("refuses %s", (_label, header) => {
    expect(verify(body, header)).toThrow(WebhookSignatureError);
  });

  it("refuses a signature made with another secret (forged)", () => {
    const forged = signTestWebhook("someone-elses-secret-of-32-characters-or-more", body, NOW);
    expect(verify(body, forged)).toThrow(/does not match/);
  });

  it("refuses a body changed after signing (tampered)", () => {
    const header = signTestWebhook(SECRET, body, NOW);
    const tampered = body.replace("payment.succeeded", "payment.failed");
    expect(verify(tampered, header)).toThrow(WebhookSignatureError);
    expect(verify(`${body} `, header)).toThrow(WebhookSignatureError);
  });

  it("refuses a genuine signature replayed with another body", () => {
    const other = JSON.stringify({ id: "tev_ffffffffffffffffffffffffffffffff", type: "payment.succeeded" });
    expect(verify(other, signTestWebhook(SECRET, body, NOW))).toThrow(WebhookSignatureError);
  });

  it("refuses a genuine signature with its timestamp rewritten (the time is inside the MAC)", () => {
    const header = signTestWebhook(SECRET, body, NOW - 3600);
    const refreshed = header.replace(`t=${NOW - 3600}`, `t=${NOW}`);
    expect(verify(body, refreshed)).toThrow(/does not match/);
  });

  it("accepts a signature up to the tolerance old, and refuses one older or from too far ahead", () => {
    const at = (signedAt: number) => signTestWebhook(SECRET, body, signedAt);
    expect(verify(body, at(NOW - SIGNATURE_TOLERANCE_SECONDS))).not.toThrow();
    expect(verify(body, at(NOW - SIGNATURE_TOLERANCE_SECONDS - 1))).toThrow(/time window/);
    expect(verify(body, at(NOW + SIGNATURE_TOLERANCE_SECONDS + 1))).toThrow(/time window/);
  });
});
