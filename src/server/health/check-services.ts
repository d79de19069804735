// Reachability of the three services the buy path depends on, each with its latency.
import type { Client as QStashClient } from "@upstash/qstash";
import type { Redis } from "@upstash/redis";
import type { DatabaseClient } from "~/server/db";

export type ServiceName = "postgres" | "redis" | "qstash";

export interface ServiceStatus {
  up: boolean;
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  ok: boolean;
  checkedAt: string;
  services: Record<ServiceName, ServiceStatus>;
}

const CHECK_TIMEOUT_MS = 2_000;

async function timed(probe: () => Promise<unknown>): Promise<ServiceStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { up: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // Only the error's message: connection strings and tokens never leave the server.
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { up: false, latencyMs: Math.round(performance.now() - started), error: message };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkServices(deps: {
  db: DatabaseClient;
  redis: Redis;
  qstash: QStashClient;
}): Promise<HealthReport> {
  const [postgres, redis, qstash] = await Promise.all([
    timed(() => deps.db.$queryRaw`SELECT 1`),
    timed(async () => {
      const pong = await deps.redis.ping();
      if (pong !== "PONG") throw new Error(`unexpected PING answer: ${String(pong)}`);
    }),
    // Listing one dead letter proves the endpoint answers and accepts our token.
    timed(() => deps.qstash.dlq.listMessages({ count: 1 })),
  ]);
  return {
    ok: postgres.up && redis.up && qstash.up,
    checkedAt: new Date().toISOString(),
    services: { postgres, redis, qstash },
  };
}
