// A local stand-in for hosted Upstash Redis: speaks the Upstash REST protocol over node:http and
// runs the commands on a real redis-server through a small pool of pipelined connections.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { assertPortFree, PortInUseError } from "../ports";
import { LuaScriptCompat } from "./lua-script-compat";
import { RedisConnectionPool } from "./redis-connection-pool";
import { createRestHandler } from "./rest-handler";
import { ErrorReply, StatusReply } from "./resp-encoding";

export interface UpstashRedisRestOptions {
  redisUrl: string;
  token: string;
  /** 0 or undefined picks a free port. */
  port?: number;
  /** Pipelined connections to redis-server; a few are enough since Redis itself is single-threaded. */
  poolSize?: number;
  onLog?: (line: string) => void;
}

export interface RunningUpstashRedisRest {
  /** e.g. http://127.0.0.1:8079 */
  url: string;
  port: number;
  close(): Promise<void>;
}

const SERVICE_NAME = "Upstash Redis REST";
const HOST = "127.0.0.1";
const DEFAULT_POOL_SIZE = 4;

export async function startUpstashRedisRest(options: UpstashRedisRestOptions): Promise<RunningUpstashRedisRest> {
  if (!options.token) throw new Error(`${SERVICE_NAME}: a token is required (UPSTASH_REDIS_REST_TOKEN)`);
  if (options.port) await assertPortFree(options.port, SERVICE_NAME);

  const pool = new RedisConnectionPool(options.redisUrl, options.poolSize ?? DEFAULT_POOL_SIZE);
  try {
    await assertRedisAnswers(pool, options.redisUrl);
  } catch (error) {
    pool.close();
    throw error;
  }

  const handler = createRestHandler({ pool, token: options.token, scripts: new LuaScriptCompat() });
  // Longer than the clients' keep-alive so a pooled socket is never closed under a request in flight.
  const server = createServer({ keepAliveTimeout: 65_000, noDelay: true }, handler);
  server.headersTimeout = 70_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", (error: NodeJS.ErrnoException) =>
        reject(error.code === "EADDRINUSE" ? new PortInUseError(options.port ?? 0, SERVICE_NAME) : error),
      );
      server.listen({ port: options.port ?? 0, host: HOST }, resolve);
    });
  } catch (error) {
    pool.close();
    throw error;
  }

  const port = (server.address() as AddressInfo).port;
  const url = `http://${HOST}:${port}`;
  options.onLog?.(`Upstash Redis REST listening on ${url} → ${redactPassword(options.redisUrl)}`);

  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          pool.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

async function assertRedisAnswers(pool: RedisConnectionPool, redisUrl: string): Promise<void> {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error(`redis-server at ${redactPassword(redisUrl)} did not answer PING within 5s`)),
      5_000,
    ).unref(),
  );
  const [reply] = await Promise.race([pool.send([["PING"]]), timeout]);
  if (reply instanceof ErrorReply)
    throw new Error(`redis-server at ${redactPassword(redisUrl)} refused PING: ${reply.message}`);
  if (!(reply instanceof StatusReply))
    throw new Error(`redis-server at ${redactPassword(redisUrl)} gave an unexpected PING answer`);
}

function redactPassword(redisUrl: string): string {
  try {
    const url = new URL(redisUrl);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "(unparseable redis URL)";
  }
}
