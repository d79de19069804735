// Test wiring: a local QStash with random credentials and fast retries, plus an official Client for it.
import { randomUUID } from "node:crypto";
import { Client } from "@upstash/qstash";
import { startLocalQStash } from "./server";
import type { LocalQStashOptions, RunningLocalQStash } from "./types";

export interface TestQStash {
  qstash: RunningLocalQStash;
  client: Client;
  token: string;
  keys: { currentSigningKey: string; nextSigningKey: string };
}

export async function startTestQStash(overrides: Partial<LocalQStashOptions> = {}): Promise<TestQStash> {
  const token = `token_${randomUUID()}`;
  const keys = { currentSigningKey: `sig_current_${randomUUID()}`, nextSigningKey: `sig_next_${randomUUID()}` };
  const qstash = await startLocalQStash({ token, ...keys, retryBaseDelayMs: 10, ...overrides });
  return { qstash, client: new Client({ baseUrl: qstash.url, token }), token, keys };
}

/** Polls until `probe` returns a value (not undefined), or fails after timeoutMs. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs}ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
