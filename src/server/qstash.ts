// The QStash publisher and signature receiver, built from env.
import { Client, Receiver } from "@upstash/qstash";
import { env } from "~/env";

export function createQStashClient(baseUrl = env.QSTASH_URL, token = env.QSTASH_TOKEN) {
  // Retries are ours to decide per call site (the purchase path must answer fast and fall back to
  // the reservation journal), so the client does not stack its own retry loop on top.
  // devMode is pinned off: the client would otherwise switch to Upstash's own dev server and
  // credentials whenever QSTASH_DEV is set, behind the back of our validated configuration.
  return new Client({ baseUrl, token, retry: false, enableTelemetry: false, devMode: false });
}

export function createQStashReceiver(
  currentSigningKey = env.QSTASH_CURRENT_SIGNING_KEY,
  nextSigningKey = env.QSTASH_NEXT_SIGNING_KEY,
) {
  return new Receiver({ currentSigningKey, nextSigningKey, devMode: false });
}

const globalForQStash = globalThis as unknown as { qstash?: Client };

export const qstash = globalForQStash.qstash ?? createQStashClient();
if (env.NODE_ENV !== "production") globalForQStash.qstash = qstash;
