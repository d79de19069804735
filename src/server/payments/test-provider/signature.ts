// The test provider's webhook signature, on Stripe's scheme: `t=<unix seconds>,v1=<hex>` where v1 is
// HMAC-SHA256(secret, `${t}.${rawBody}`). The timestamp is inside the MAC, so a captured delivery
// cannot be replayed with a fresh time, and one older than the tolerance is refused.
import { createHmac, timingSafeEqual } from "node:crypto";
import { WebhookSignatureError } from "~/server/payments/provider";

export const TEST_SIGNATURE_HEADER = "Stampede-Test-Signature";

/** How far a signature's time may be from ours, either way (Stripe's default tolerance). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

function mac(secret: string, timestamp: number, rawBody: string): Buffer {
  return createHmac("sha256", secret).update(`${timestamp}.${rawBody}`, "utf8").digest();
}

export function signTestWebhook(secret: string, rawBody: string, timestamp: number): string {
  return `t=${timestamp},v1=${mac(secret, timestamp, rawBody).toString("hex")}`;
}

interface ParsedHeader {
  timestamp: number;
  signatures: Buffer[];
}

function parseHeader(header: string): ParsedHeader | null {
  let timestamp: number | null = null;
  const signatures: Buffer[] = [];
  for (const part of header.split(",")) {
    const [key, value, ...rest] = part.trim().split("=");
    if (rest.length > 0 || value === undefined) return null;
    if (key === "t") {
      if (timestamp !== null || !/^\d{1,12}$/.test(value)) return null;
      timestamp = Number(value);
    } else if (key === "v1") {
      if (!/^[0-9a-f]{64}$/.test(value)) return null;
      signatures.push(Buffer.from(value, "hex"));
    }
    // Other schemes (a future v2) are skipped, as Stripe's own verifier does.
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * Throws WebhookSignatureError unless `header` signs exactly `rawBody` with `secret`, at a time
 * within the tolerance of `nowSeconds`. Compared in constant time; nothing is parsed before this.
 */
export function verifyTestWebhook(
  secret: string,
  rawBody: string,
  header: string | null,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): void {
  if (!header) throw new WebhookSignatureError(`Missing ${TEST_SIGNATURE_HEADER} header.`);
  const parsed = parseHeader(header);
  if (!parsed) throw new WebhookSignatureError(`Malformed ${TEST_SIGNATURE_HEADER} header.`);
  const expected = mac(secret, parsed.timestamp, rawBody);
  const matches = parsed.signatures.some((signature) => timingSafeEqual(signature, expected));
  if (!matches) throw new WebhookSignatureError("The webhook signature does not match its body.");
  if (Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) {
    throw new WebhookSignatureError("The webhook signature is outside the accepted time window.");
  }
}
