// Test double for a destination API: a node:http server that records every request and answers as
// each test scripts it (status, headers, body, delay). Not a test file itself.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  receivedAt: number;
}

export interface ScriptedAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

type Script = (request: ReceivedRequest, index: number) => ScriptedAnswer;

export interface TestReceiver {
  /** A fresh, unique path on this receiver, so tests never see each other's requests. */
  newUrl(label?: string): string;
  respond(url: string, script: Script): void;
  requests(url: string): ReceivedRequest[];
  /** Resolves once `count` requests reached `url`; rejects after timeoutMs. */
  waitFor(url: string, count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  /** Deliveries currently being answered on `url` (for overlap checks). */
  peakConcurrency(url: string): number;
  close(): Promise<void>;
}

export async function startTestReceiver(): Promise<TestReceiver> {
  const received = new Map<string, ReceivedRequest[]>();
  const scripts = new Map<string, Script>();
  const active = new Map<string, number>();
  const peaks = new Map<string, number>();
  const waiters = new Set<() => void>();

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- node:http ignores the returned promise; errors are handled inside
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = request.url ?? "/";
    const record: ReceivedRequest = {
      path,
      method: request.method ?? "GET",
      headers: request.headers,
      body,
      text: body.toString("utf8"),
      receivedAt: Date.now(),
    };
    const list = received.get(path) ?? [];
    list.push(record);
    received.set(path, list);
    active.set(path, (active.get(path) ?? 0) + 1);
    peaks.set(path, Math.max(peaks.get(path) ?? 0, active.get(path)!));
    for (const wake of waiters) wake();

    const answer = scripts.get(path)?.(record, list.length - 1) ?? {};
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    active.set(path, active.get(path)! - 1);
    if (response.destroyed) return;
    response.writeHead(answer.status ?? 200, answer.headers ?? {});
    response.end(answer.body ?? "ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pathOf = (url: string) => url.slice(base.length);

  return {
    newUrl: (label = "hook") => `${base}/${label}/${randomUUID()}`,
    respond: (url, script) => void scripts.set(pathOf(url), script),
    requests: (url) => [...(received.get(pathOf(url)) ?? [])],
    peakConcurrency: (url) => peaks.get(pathOf(url)) ?? 0,
    waitFor(url, count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const list = received.get(pathOf(url)) ?? [];
          if (list.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve([...list]);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = received.get(pathOf(url))?.length ?? 0;
          reject(new Error(`expected ${count} requests on ${url} within ${timeoutMs}ms, saw ${seen}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
