// A small pool of pipelined RESP connections to redis-server. Each connection keeps a FIFO of
// waiting requests; Redis answers a connection's commands in order, so replies are matched by
// position. Writes issued in the same tick are corked into one syscall.
import { connect, type Socket } from "node:net";
import { encodeCommand, ErrorReply, RespReplyParser, type RespValue } from "./resp-encoding";

interface PendingBatch {
  replies: RespValue[];
  expected: number;
  resolve(replies: RespValue[]): void;
  reject(error: Error): void;
}

export class RedisUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RedisUnavailableError";
  }
}

interface RedisTarget {
  host: string;
  port: number;
  /** Commands every new connection runs first (AUTH, SELECT), from the redis URL. */
  setupCommands: string[][];
}

export function parseRedisUrl(redisUrl: string): RedisTarget {
  const url = new URL(redisUrl);
  if (url.protocol !== "redis:") throw new Error(`Only redis:// URLs are supported, got ${url.protocol}`);
  const setupCommands: string[][] = [];
  const password = decodeURIComponent(url.password);
  const username = decodeURIComponent(url.username);
  if (password) setupCommands.push(username ? ["AUTH", username, password] : ["AUTH", password]);
  const database = url.pathname.replace(/^\//, "");
  if (database && database !== "0") setupCommands.push(["SELECT", database]);
  return { host: url.hostname || "127.0.0.1", port: url.port ? Number(url.port) : 6379, setupCommands };
}

class RedisConnection {
  private readonly socket: Socket;
  private readonly pending: PendingBatch[] = [];
  private pendingHead = 0;
  private corked = false;
  closed = false;

  constructor(target: RedisTarget) {
    this.socket = connect({ host: target.host, port: target.port, noDelay: true });
    const parser = new RespReplyParser((reply) => this.deliver(reply));
    this.socket.on("data", (chunk: Buffer) => {
      try {
        parser.feed(chunk);
      } catch (error) {
        // Out of step with the byte stream, no later reply can be matched to its request.
        this.fail(new RedisUnavailableError(`redis-server protocol error: ${(error as Error).message}`));
      }
    });
    this.socket.on("error", (error) =>
      this.fail(new RedisUnavailableError(`redis-server connection failed: ${error.message}`)),
    );
    this.socket.on("close", () => this.fail(new RedisUnavailableError("redis-server closed the connection")));
    for (const command of target.setupCommands) {
      // A failed AUTH/SELECT must poison the connection, not vanish silently.
      void this.send(encodeCommand(command), 1).then(
        ([reply]) => {
          if (reply instanceof ErrorReply)
            this.fail(new RedisUnavailableError(`redis-server rejected ${command[0]}: ${reply.message}`));
        },
        () => undefined,
      );
    }
  }

  get inFlight(): number {
    return this.pending.length - this.pendingHead;
  }

  /** Writes already-encoded commands and resolves with exactly `expected` replies, in order. */
  send(encoded: string, expected: number): Promise<RespValue[]> {
    if (this.closed) return Promise.reject(new RedisUnavailableError("redis-server connection is closed"));
    return new Promise((resolve, reject) => {
      this.pending.push({ replies: [], expected, resolve, reject });
      if (!this.corked) {
        this.corked = true;
        this.socket.cork();
        process.nextTick(() => {
          this.corked = false;
          this.socket.uncork();
        });
      }
      this.socket.write(encoded);
    });
  }

  close(): void {
    this.closed = true;
    this.socket.end();
  }

  private deliver(reply: RespValue): void {
    const batch = this.pending[this.pendingHead];
    if (!batch) return;
    batch.replies.push(reply);
    if (batch.replies.length < batch.expected) return;
    this.pending[this.pendingHead] = undefined as unknown as PendingBatch;
    this.pendingHead++;
    if (this.pendingHead > 1024 && this.pendingHead * 2 > this.pending.length) {
      this.pending.splice(0, this.pendingHead);
      this.pendingHead = 0;
    }
    batch.resolve(batch.replies);
  }

  private fail(error: Error): void {
    if (!this.closed) {
      this.closed = true;
      this.socket.destroy();
    }
    const waiting = this.pending.splice(this.pendingHead);
    this.pending.length = 0;
    this.pendingHead = 0;
    for (const batch of waiting) batch.reject(error);
  }
}

export class RedisConnectionPool {
  private readonly target: RedisTarget;
  private readonly connections: RedisConnection[];
  private closed = false;

  constructor(redisUrl: string, size: number) {
    this.target = parseRedisUrl(redisUrl);
    this.connections = Array.from({ length: Math.max(1, size) }, () => new RedisConnection(this.target));
  }

  /**
   * Sends a batch on the least busy connection. The batch is one contiguous write and Redis runs
   * a connection's commands strictly in order, so a MULTI…EXEC batch cannot interleave with anyone
   * else's commands — that is what makes sharing a pipelined connection safe for transactions.
   */
  send(commands: readonly (readonly string[])[]): Promise<RespValue[]> {
    if (this.closed) return Promise.reject(new RedisUnavailableError("the redis connection pool is closed"));
    let encoded = "";
    for (const command of commands) encoded += encodeCommand(command);
    return this.leastBusy().send(encoded, commands.length);
  }

  close(): void {
    this.closed = true;
    for (const connection of this.connections) connection.close();
  }

  private leastBusy(): RedisConnection {
    let bestIndex = 0;
    let bestLoad = Infinity;
    for (let i = 0; i < this.connections.length; i++) {
      const connection = this.connections[i]!;
      // A dead connection is replaced lazily so a redis-server restart heals on the next request.
      if (connection.closed) this.connections[i] = new RedisConnection(this.target);
      const load = this.connections[i]!.inFlight;
      if (load < bestLoad) {
        bestLoad = load;
        bestIndex = i;
        if (load === 0) break;
      }
    }
    return this.connections[bestIndex]!;
  }
}
