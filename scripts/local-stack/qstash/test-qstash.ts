// Test wiring: a local QStash with random credentials and fast retries, plus an official Client for it;
// throwaway data directories, and a restart that behaves like a crash followed by a fresh start.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@upstash/qstash";
import { afterAll, beforeAll } from "vitest";
import { startLocalQStash } from "./server";
import { startTestReceiver, type TestReceiver } from "./test-receiver";
import type { LocalQStashOptions, RunningLocalQStash } from "./types";

export interface TestQStash {
  qstash: RunningLocalQStash;
  client: Client;
  token: string;
  keys: { currentSigningKey: string; nextSigningKey: string };
  options: LocalQStashOptions;
}

export async function startTestQStash(overrides: Partial<LocalQStashOptions> = {}): Promise<TestQStash> {
  const token = `token_${randomUUID()}`;
  const keys = { currentSigningKey: `sig_current_${randomUUID()}`, nextSigningKey: `sig_next_${randomUUID()}` };
  const options: LocalQStashOptions = { token, ...keys, retryBaseDelayMs: 10, ...overrides };
  const qstash = await startLocalQStash(options);
  return { qstash, client: new Client({ baseUrl: qstash.url, token }), token, keys, options };
}

/** Kills the server as a crash would, then starts a new one on the same port and data directory. */
export async function restartTestQStash(
  previous: TestQStash,
  overrides: Partial<LocalQStashOptions> = {},
): Promise<TestQStash> {
  await previous.qstash.kill();
  const options: LocalQStashOptions = { ...previous.options, ...overrides, port: previous.qstash.port };
  const qstash = await startLocalQStash(options);
  return { ...previous, qstash, options, client: new Client({ baseUrl: qstash.url, token: previous.token }) };
}

export function temporaryDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "local-qstash-test-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
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

/** Forwards to a value set in a hook, so a file's tests read it as if it were a plain const. */
function late<T extends object>(get: () => T | undefined, what: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      const value = get();
      if (!value) throw new Error(`${what} is not ready: use it inside a test or hook.`);
      return value[property as keyof T];
    },
  });
}

/** A local QStash and a destination for one test file: started before its tests, closed after. */
export function qstashForFile(overrides: Partial<LocalQStashOptions> = {}) {
  let local: TestQStash | undefined;
  let destination: TestReceiver | undefined;
  beforeAll(async () => {
    local = await startTestQStash(overrides);
    destination = await startTestReceiver();
  });
  afterAll(async () => {
    await local?.qstash.close();
    await destination?.close();
  });
  return { local: late(() => local, "The local QStash"), destination: late(() => destination, "The test receiver") };
}
