// The throwaway stack behind the Playwright web server (scripts/serve-production.ts writes where
// its database and Redis listen to .data/e2e-stack-<port>.json). Fixtures use it to put sales in
// exactly the state a test needs — straight into Postgres and Redis, never through an HTTP
// endpoint, so the app carries no test-only door.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Redis } from "@upstash/redis";
import { z } from "zod";
import { createPrismaClient, type DatabaseClient } from "~/server/db/create-prisma-client";

const stackFileSchema = z.object({
  pid: z.number(),
  appUrl: z.string(),
  namespace: z.string().min(1),
  env: z.object({
    DATABASE_URL: z.string().min(1),
    UPSTASH_REDIS_REST_URL: z.string().min(1),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1),
  }),
});

export interface E2eStack {
  db: DatabaseClient;
  redis: Redis;
  namespace: string;
  close(): Promise<void>;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function stackFileFor(baseURL: string): string {
  const port = new URL(baseURL).port || "80";
  return path.join(process.cwd(), ".data", `e2e-stack-${port}.json`);
}

export function openStack(baseURL: string): E2eStack {
  const file = stackFileFor(baseURL);
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch {
    throw new Error(
      `${file} is missing: the app under test must be served by scripts/serve-production.ts ` +
        "(Playwright's webServer does this; stop any other server on that port and run again).",
    );
  }
  const stack = stackFileSchema.parse(JSON.parse(raw));
  if (!isRunning(stack.pid))
    throw new Error(`${file} is stale: process ${stack.pid} is gone. Delete it and run again.`);

  const db = createPrismaClient(stack.env.DATABASE_URL, { poolSize: 2 });
  const redis = new Redis({
    url: stack.env.UPSTASH_REDIS_REST_URL,
    token: stack.env.UPSTASH_REDIS_REST_TOKEN,
    enableTelemetry: false,
  });
  return { db, redis, namespace: stack.namespace, close: () => db.$disconnect() };
}
